package dev.meshsdk.storage.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns what was found at a port's tables into a {@link PortState} and back. The facts hold everything the
 * plan depends on, per table ({@code orders.columns}, {@code orders.properties}, {@code orders.grants},
 * ...), so planning reads only the state it is given; the fingerprint is the SHA-256 of those facts, less
 * the Delta version, which data appends move without changing anything a plan depends on.
 */
final class PortStates {
    private static final String EXISTS = ".exists";
    private static final String LOCATION = ".location";
    private static final String VERSION = ".version";
    private static final String COLUMNS = ".columns";
    private static final String PARTITIONS = ".partitionColumns";
    private static final String PROPERTIES = ".properties";
    private static final String GRANTS = ".grants";

    /** The port state of the tables found; {@link PortState#absent()} when nothing at all is there. */
    PortState encode(Map<String, String> locations, List<TableState> tables) {
        if (tables.stream().noneMatch(t -> t.tableExists() || !t.grants().isEmpty())) return PortState.absent();
        Map<String, String> facts = new LinkedHashMap<>();
        boolean exists = false;
        try {
            for (TableState t : tables) {
                String k = t.target();
                exists |= t.tableExists();
                facts.put(k + EXISTS, String.valueOf(t.tableExists()));
                facts.put(k + LOCATION, locations.get(k));
                if (t.tableExists()) {
                    facts.put(k + VERSION, String.valueOf(t.version()));
                    facts.put(k + COLUMNS, LocalJson.MAPPER.writeValueAsString(t.columns()));
                    facts.put(k + PARTITIONS, String.join(",", t.partitionColumns()));
                    facts.put(k + PROPERTIES, LocalJson.MAPPER.writeValueAsString(new TreeMap<>(t.properties())));
                }
                facts.put(k + GRANTS, LocalJson.MAPPER.writeValueAsString(t.grants()));
            }
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot describe the state of a local table", e);
        }
        return new PortState(exists, fingerprint(facts), facts);
    }

    /** The state of table {@code target} as recorded in {@code state}; a table never seen is absent. */
    TableState decode(PortState state, String target) {
        Map<String, String> f = state.facts();
        if (!f.containsKey(target + EXISTS)) {
            return new TableState(target, false, -1, List.of(), List.of(), Map.of(), List.of());
        }
        try {
            List<AccessGrant> grants =
                    LocalJson.MAPPER.readValue(f.getOrDefault(target + GRANTS, "[]"), new TypeReference<>() {});
            if (!Boolean.parseBoolean(f.get(target + EXISTS))) {
                return new TableState(target, false, -1, List.of(), List.of(), Map.of(), grants);
            }
            List<Column> columns = LocalJson.MAPPER.readValue(f.get(target + COLUMNS), new TypeReference<>() {});
            Map<String, String> properties =
                    LocalJson.MAPPER.readValue(f.get(target + PROPERTIES), new TypeReference<>() {});
            String partitions = Optional.ofNullable(f.get(target + PARTITIONS)).orElse("");
            return new TableState(
                    target,
                    true,
                    Long.parseLong(f.get(target + VERSION)),
                    columns,
                    partitions.isEmpty() ? List.of() : List.of(partitions.split(",")),
                    properties,
                    grants);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot plan table '" + target
                            + "': the state given was not produced by the local adapter's inspect; inspect again",
                    e);
        }
    }

    private static String fingerprint(Map<String, String> facts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(facts).entrySet()) {
                if (e.getKey().endsWith(VERSION)) continue;
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
