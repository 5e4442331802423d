package dev.meshsdk.storage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.AccessGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The grants the SDK recorded for a local table, in {@code _mesh_grants.json} inside the table's folder.
 * A folder has no principals to grant to, so the file is the record that makes access plan and apply like
 * any other store's; Delta ignores files whose names start with {@code _}.
 */
final class GrantsFile {
    static final String FILE_NAME = "_mesh_grants.json";
    private static final Comparator<AccessGrant> ORDER =
            Comparator.comparing(AccessGrant::principal).thenComparing(AccessGrant::privilege);

    /** The grants recorded for the table in {@code dir}, sorted; empty when there is no file. */
    List<AccessGrant> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return List.of();
        JsonNode root = LocalJson.MAPPER.readTree(file.toFile());
        List<AccessGrant> grants = new ArrayList<>();
        for (JsonNode g : root.path("grants")) {
            grants.add(new AccessGrant(
                    g.path("principal").asText(), g.path("privilege").asText()));
        }
        grants.sort(ORDER);
        return List.copyOf(grants);
    }

    /** Records {@code grant}; does nothing when it is recorded already. */
    void add(Path dir, AccessGrant grant) throws IOException {
        TreeSet<AccessGrant> grants = new TreeSet<>(ORDER);
        grants.addAll(read(dir));
        if (grants.add(grant)) write(dir, grants);
    }

    /** Removes {@code grant}; does nothing when it is not recorded. */
    void remove(Path dir, AccessGrant grant) throws IOException {
        TreeSet<AccessGrant> grants = new TreeSet<>(ORDER);
        grants.addAll(read(dir));
        if (grants.remove(grant)) write(dir, grants);
    }

    private void write(Path dir, Iterable<AccessGrant> grants) throws IOException {
        ObjectNode root = LocalJson.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("grants");
        for (AccessGrant g : grants) {
            list.addObject().put("principal", g.principal()).put("privilege", g.privilege());
        }
        AtomicFiles.write(
                dir.resolve(FILE_NAME),
                LocalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
