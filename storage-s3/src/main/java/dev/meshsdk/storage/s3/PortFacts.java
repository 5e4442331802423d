package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything inspect found at a port's home, and its encoding as {@link PortState} facts: per table
 * ({@code orders.table}, {@code orders.version}, {@code orders.grants}) and per bucket ({@code bucket.tags},
 * {@code bucket.lifecycle}, {@code prefix.owner}). Planning reads only these facts. The fingerprint is a
 * digest of the facts less the Delta versions, which data commits move without changing anything a plan
 * depends on.
 *
 * @param bucketTags the bucket's {@code mesh:*} tags
 * @param ownerTags  the tags of the prefix's owner marker, empty when there is none
 * @param rules      the SDK's lifecycle rules under the port's location: prefix to expiration days
 */
record PortFacts(
        Map<String, TableState> tables,
        Map<String, List<AccessGrant>> grants,
        Map<String, String> bucketTags,
        Optional<Map<String, String>> ownerTags,
        Map<String, String> rules) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = ".version";

    PortFacts {
        tables = Map.copyOf(tables);
        grants = Map.copyOf(grants);
        bucketTags = Map.copyOf(bucketTags);
        rules = Map.copyOf(rules);
    }

    TableState table(String target) {
        return tables.getOrDefault(target, TableState.absent(target));
    }

    List<AccessGrant> grantsOn(String target) {
        return grants.getOrDefault(target, List.of());
    }

    record TableFacts(
            boolean exists, List<Column> columns, List<String> partitionColumns, Map<String, String> properties) {}

    PortState encode() {
        boolean exists = tables.values().stream().anyMatch(TableState::exists)
                || grants.values().stream().anyMatch(g -> !g.isEmpty())
                || ownerTags.isPresent();
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            for (TableState t : tables.values()) {
                facts.put(
                        t.target() + ".table",
                        JSON.writeValueAsString(new TableFacts(
                                t.exists(), t.columns(), t.partitionColumns(), new TreeMap<>(t.properties()))));
                facts.put(t.target() + VERSION, String.valueOf(t.version()));
            }
            for (Map.Entry<String, List<AccessGrant>> g : grants.entrySet()) {
                facts.put(g.getKey() + ".grants", JSON.writeValueAsString(g.getValue()));
            }
            facts.put("bucket.tags", JSON.writeValueAsString(new TreeMap<>(bucketTags)));
            facts.put("bucket.lifecycle", JSON.writeValueAsString(new TreeMap<>(rules)));
            facts.put(
                    "prefix.owner",
                    ownerTags.isEmpty() ? "none" : JSON.writeValueAsString(new TreeMap<>(ownerTags.get())));
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot describe the state of an S3 port", e);
        }
        StringBuilder digest = new StringBuilder();
        new TreeMap<>(facts).forEach((k, v) -> {
            if (!k.endsWith(VERSION))
                digest.append(k).append('\u0000').append(v).append('\n');
        });
        return new PortState(exists, "sha256:" + BucketPolicy.digest(digest.toString()), facts);
    }

    static PortFacts decode(PortState state) {
        Map<String, String> f = state.facts();
        Map<String, TableState> tables = new LinkedHashMap<>();
        Map<String, List<AccessGrant>> grants = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : f.entrySet()) {
                String k = e.getKey();
                if (k.endsWith(".table")) {
                    String target = k.substring(0, k.length() - ".table".length());
                    TableFacts t = JSON.readValue(e.getValue(), TableFacts.class);
                    long version = Long.parseLong(f.getOrDefault(target + VERSION, "-1"));
                    tables.put(
                            target,
                            new TableState(
                                    target, t.exists(), version, t.columns(), t.partitionColumns(), t.properties()));
                } else if (k.endsWith(".grants")) {
                    grants.put(
                            k.substring(0, k.length() - ".grants".length()),
                            JSON.readValue(e.getValue(), new TypeReference<List<AccessGrant>>() {}));
                }
            }
            Map<String, String> tags = JSON.readValue(f.getOrDefault("bucket.tags", "{}"), new TypeReference<>() {});
            Map<String, String> rules =
                    JSON.readValue(f.getOrDefault("bucket.lifecycle", "{}"), new TypeReference<>() {});
            String owner = f.getOrDefault("prefix.owner", "none");
            Optional<Map<String, String>> ownerTags = owner.equals("none")
                    ? Optional.empty()
                    : Optional.of(JSON.readValue(owner, new TypeReference<Map<String, String>>() {}));
            return new PortFacts(tables, grants, tags, ownerTags, rules);
        } catch (IOException | RuntimeException e) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot plan an S3 port: the state given was not produced by"
                            + " the s3 adapter's inspect; inspect again",
                    e);
        }
    }
}
