package dev.meshsdk.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small, valid products to a folder for engine tests. */
final class Workspace {
    private final Path root;

    Workspace(Path root) {
        this.root = root;
    }

    Path product(String id, String contractId, String inputContractId, String... columns) {
        Path dir = root.resolve(id);
        StringBuilder product = new StringBuilder("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                name: %s
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: sales-data
                description:
                  purpose: Test product %s
                outputPorts:
                  - name: %s
                    version: 1.0.0
                    contractId: %s
                """.formatted(id, id, id, id, contractId));
        if (inputContractId != null) {
            product.append("""
                    inputPorts:
                      - name: upstream
                        version: 1.0.0
                        contractId: %s
                    """.formatted(inputContractId));
        }
        StringBuilder props = new StringBuilder();
        for (String c : columns) {
            props.append("          - name: ").append(c).append("\n            logicalType: string\n");
        }
        String contract = """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                version: 1.0.0
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: data/%s
                    format: delta
                roles:
                  - role: analyst
                    access: read
                schema:
                  - name: %s
                    physicalType: table
                    properties:
                %s""".formatted(contractId, id, id.replace('-', '_'), props);
        write(dir.resolve("product.yaml"), product.toString());
        write(dir.resolve("contracts/" + contractId + ".yaml"), contract);
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
