package dev.meshsdk.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small products (ODPS product file plus one ODCS contract) for tests that deploy a whole mesh. */
final class MeshProjects {
    private MeshProjects() {}

    /**
     * Writes product {@code id} under {@code products/<id>}: one output port {@code id} offering
     * {@code <id>-contract}, the contract text given, and an input port reading {@code <input>-contract} at
     * {@code inputVersion} when {@code input} is not null.
     */
    static Path product(Path products, String id, String contract, String input, String inputVersion)
            throws IOException {
        Path dir = products.resolve(id);
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("product.yaml"), """
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
    static String contract(String id, String version, String servers, String table, String properties) {
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

    /** A {@code postgres} server of database {@code postgres} on localhost, credentials under {@link RestartablePostgres#CREDENTIALS_ID}. */
    static String postgresServer(int port, String schema) {
        return """
                servers:
                  - server: %s
                    type: postgres
                    environment: dev
                    host: localhost
                    port: %d
                    database: postgres
                    schema: %s
                """.formatted(RestartablePostgres.CREDENTIALS_ID, port, schema);
    }

    /** A {@code local} Delta server at {@code path}. */
    static String localServer(String path) {
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
