package dev.meshsdk.internal.data;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.ErasureLog;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for a data subject in the erasure log: HMAC-SHA256 over the subject type and
 * value, so that receipts find each other across runs without holding the value. The key is the secret
 * under {@value #KEY_ID} (or the id set in {@value #KEY_ID_SETTING}); without one, the key the registry
 * keeps for an embedded setup ({@link ErasureLog#keptKey()}); else the call fails saying what to add.
 */
public final class SubjectHasher {
    /** The secret id the key is looked up under by default. */
    public static final String KEY_ID = "mesh-erasure-key";
    /** The setting naming another secret id. */
    public static final String KEY_ID_SETTING = "mesh.erasure.keyId";

    static final int MIN_KEY_LENGTH = 16;

    private final byte[] key;

    private SubjectHasher(byte[] key) {
        this.key = key.clone();
    }

    /** A hasher with {@code key}, for tests and tools that hold the key themselves. */
    public static SubjectHasher withKey(byte[] key) {
        if (key == null || key.length < MIN_KEY_LENGTH) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot hash data subjects: the key has " + (key == null ? 0 : key.length)
                            + " bytes; use at least 32 random characters");
        }
        return new SubjectHasher(key);
    }

    /** The hasher of this context: the configured secret, else the registry's kept key; fails without either. */
    public static SubjectHasher of(AdapterContext context, ErasureLog log) {
        String id = context.setting(KEY_ID_SETTING)
                .filter(s -> !s.isBlank())
                .map(String::trim)
                .orElse(KEY_ID);
        Optional<Secrets.Credential> secret = context.secrets().credential(id);
        if (secret.isPresent()
                && secret.get().secret() != null
                && !secret.get().secret().isEmpty()) {
            byte[] k = secret.get().secret().getBytes(StandardCharsets.UTF_8);
            if (k.length < MIN_KEY_LENGTH) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot hash data subjects for the erasure"
                                + " log: the key under secret '" + id + "' has " + k.length
                                + " characters; use at least 32"
                                + " random characters (for example the output of 'openssl rand -base64 32')");
            }
            return new SubjectHasher(k);
        }
        Optional<byte[]> kept = log.keptKey();
        if (kept.isPresent()) return withKey(kept.get());
        throw new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot hash data subjects for the erasure log:"
                        + " no key under secret '" + id
                        + "' and the registry keeps none; add the secret (a settings.xml"
                        + " server with id '" + id
                        + "' whose password is at least 32 random characters, or the environment"
                        + " variable " + Secrets.environmentVariable(id, "PASSWORD") + "), the"
                        + " same for every build that shares the registry");
    }

    /** The subject's hash: 64 lower-case hexadecimal digits. The type is compared without regard to case. */
    public String hash(String subjectType, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(subjectType.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot compute HMAC-SHA256: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SubjectHasher[key=****]";
    }
}
