package dev.meshsdk.export;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DataHub URNs, as DataHub v1.7.0.1 documents and builds them: {@code urn:li:dataset:(urn:li:dataPlatform:<platform>,
 * <name>,<FABRIC>)}, {@code urn:li:dataProduct:<id>}, {@code urn:li:domain:<id>}, {@code urn:li:tag:<name>},
 * {@code urn:li:corpuser:<username>}, {@code urn:li:corpGroup:<name>}. Characters DataHub reserves in URNs
 * ({@code , ( )}, the unit separator and {@code %}) are percent-encoded in UTF-8, as its {@code UrnEncoder} does.
 */
final class DataHubUrns {
    /** DataHub's {@code FabricType} values (metadata-models, com.linkedin.common.FabricType). */
    static final Set<String> FABRICS = Set.of(
            "DEV",
            "TEST",
            "QA",
            "UAT",
            "EI",
            "PRE",
            "STG",
            "NON_PROD",
            "PROD",
            "CORP",
            "RVW",
            "PRD",
            "TST",
            "SIT",
            "SBX",
            "SANDBOX");

    private static final Map<String, String> ENVIRONMENTS = Map.ofEntries(
            Map.entry("prod", "PROD"),
            Map.entry("production", "PROD"),
            Map.entry("prd", "PROD"),
            Map.entry("dev", "DEV"),
            Map.entry("development", "DEV"),
            Map.entry("test", "TEST"),
            Map.entry("qa", "QA"),
            Map.entry("uat", "UAT"),
            Map.entry("stg", "STG"),
            Map.entry("staging", "STG"),
            Map.entry("stage", "STG"),
            Map.entry("pre", "PRE"),
            Map.entry("preprod", "PRE"),
            Map.entry("pre-prod", "PRE"),
            Map.entry("sandbox", "SANDBOX"),
            Map.entry("ei", "EI"));

    private DataHubUrns() {}

    /**
     * The fabric of a mesh environment: {@code fabric} when set, else the fabric named like the environment.
     *
     * @throws MeshException {@code INVALID_CONFIGURATION} when neither gives a DataHub fabric
     */
    static String fabric(String environment, String fabric) {
        if (fabric != null) return fabric;
        String mapped = ENVIRONMENTS.get(environment.toLowerCase(Locale.ROOT));
        if (mapped == null)
            mapped = FABRICS.contains(environment.toUpperCase(Locale.ROOT))
                    ? environment.toUpperCase(Locale.ROOT)
                    : null;
        if (mapped == null) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot name environment '" + environment
                            + "' as a DataHub fabric (one of "
                            + FABRICS.stream().sorted().toList() + "); choose one with"
                            + " DataHubExport.fabric(...)");
        }
        return mapped;
    }

    static String platform(String platform) {
        return "urn:li:dataPlatform:" + encode(platform);
    }

    static String dataset(DatasetAddress address, String fabric) {
        return "urn:li:dataset:(" + platform(address.platform()) + "," + encode(address.qualified()) + "," + fabric
                + ")";
    }

    static String dataProduct(String productId) {
        return "urn:li:dataProduct:" + encode(productId);
    }

    /** A domain's URN from its name: lower case, runs of other characters than {@code a-z0-9_.-} as one inner {@code -}. */
    static String domain(String name) {
        String id = name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]+", "-")
                .replaceAll("^-+|-+$", "");
        return "urn:li:domain:" + encode(id);
    }

    static String tag(String name) {
        return "urn:li:tag:" + encode(name);
    }

    static String user(String username) {
        return "urn:li:corpuser:" + encode(username);
    }

    static String group(String name) {
        return "urn:li:corpGroup:" + encode(name);
    }

    private static String encode(String part) {
        StringBuilder b = new StringBuilder(part.length());
        for (char c : part.toCharArray()) {
            if (c == ',' || c == '(' || c == ')' || c == '%' || c == '\u241F') {
                for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8))
                    b.append(String.format("%%%02X", x & 0xFF));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
