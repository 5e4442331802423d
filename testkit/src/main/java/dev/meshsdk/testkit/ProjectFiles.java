package dev.meshsdk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small products (an ODPS product file plus one ODCS contract) for tests and benchmarks that deploy a whole
 * mesh from files, as a build does.
 */
public final class ProjectFiles {
    private ProjectFiles() {}

    /**
     * Writes product {@code id} under {@code products/<id>}: one output port {@code id} offering
     * {@code <id>-contract}, the contract text given, and an input port reading {@code <input>-contract} at
     * {@code inputVersion} when {@code input} is not null. Returns the product's folder.
     */
    public static Path product(Path products, String id, String contract, String input, String inputVersion)
            throws IOException {
        Path dir = products.resolve(id);
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(
                dir.resolve("product.yaml"),
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                version: 1.0.0
                status: active
                team:
                  name: team-%s
                outputPorts:
                  - name: %s
                    version: 1.0.0
                    contractId: %s-contract
                """.formatted(id, id, id, id) + (input == null ? "" : """
                inputPorts:
                  - name: upstream
                    version: %s
                    contractId: %s-contract
                """.formatted(inputVersion, input)));
        Files.writeString(dir.resolve("contracts/" + id + "-contract.yaml"), contract);
        return dir;
    }

    /** A contract {@code <id>-contract} with the servers block given and one table of the properties given. */
    public static String contract(String id, String version, String servers, String table, String properties) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s-contract
                version: %s
                status: active
                %sschema:
                  - name: %s
                    physicalType: table
                    properties:
                %s""".formatted(id, version, servers, table, properties);
    }

    /**
     * A {@code postgres} server block of database {@code postgres} on localhost; {@code server} is also the secret
     * id its credentials are found under.
     */
    public static String postgresServer(String server, int port, String schema) {
        return """
                servers:
                  - server: %s
                    type: postgres
                    environment: dev
                    host: localhost
                    port: %d
                    database: postgres
                    schema: %s
                """.formatted(server, port, schema);
    }

    /** A {@code local} Delta server block at {@code path} (relative to the base directory). */
    public static String localServer(String path) {
        return """
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: %s
                    format: delta
                """.formatted(path);
    }
}
