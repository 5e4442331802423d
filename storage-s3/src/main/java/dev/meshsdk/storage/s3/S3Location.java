package dev.meshsdk.storage.s3;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/prefix} location from a contract server, checked against S3's bucket naming
 * rules. The prefix never starts or ends with a slash and holds no {@code .} or {@code ..} segment, so
 * a port's objects stay inside the team's own prefix.
 */
public record S3Location(String bucket, String prefix) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Parses a location; a malformed one throws {@code INVALID_DESCRIPTOR} saying what is wrong. */
    public static S3Location parse(String location) {
        if (location == null || !(location.startsWith("s3://") || location.startsWith("s3a://"))) {
            throw invalid(location, "it does not start with s3://", "write it as s3://<bucket>/<prefix>");
        }
        String rest = location.substring(location.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (!BUCKET.matcher(bucket).matches()
                || bucket.contains("..")
                || IP.matcher(bucket).matches()) {
            throw invalid(
                    location,
                    "'" + bucket + "' is not a valid bucket name",
                    "use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
        }
        for (String segment : prefix.split("/", -1)) {
            if (prefix.isEmpty()) break;
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(
                        location, "the prefix has an empty, '.' or '..' segment", "use a plain path below the bucket");
            }
            if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw invalid(location, "the prefix holds a control character", "remove it");
            }
        }
        return new S3Location(bucket, prefix);
    }

    /** Whether {@code key} lies inside this location's prefix. */
    public boolean contains(String key) {
        return prefix.isEmpty() || key.equals(prefix) || key.startsWith(prefix + "/");
    }

    /** A child location: {@code prefix/name}. */
    public S3Location resolve(String name) {
        return parse("s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static MeshException invalid(String location, String why, String what) {
        return new MeshException(
                ErrorCode.INVALID_DESCRIPTOR, "Cannot use S3 location '" + location + "': " + why + "; " + what);
    }
}
