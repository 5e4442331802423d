package dev.meshsdk.bench.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A consumer product whose two input ports read generated products' ports, written to a folder. */
final class ConsumerProduct {
    private ConsumerProduct() {}

    static Path write(Path dir, int products) throws IOException {
        int a = products / 3;
        int b = products - 7;
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: consumer
                name: Consumer
                version: 1.0.0
                status: active
                domain: bench
                team:
                  name: bench-team
                description:
                  purpose: Reads two generated products.
                inputPorts:
                  - name: first
                    version: 1.0.0
                    contractId: %s
                  - name: second
                    version: 2.0.0
                    contractId: %s
                outputPorts:
                  - name: out
                    version: 1.0.0
                    contractId: consumer-out
                """.formatted(
                        GeneratedMesh.contract(a, "events"), GeneratedMesh.contract(b, "summary")));
        Files.writeString(dir.resolve("contracts/out.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: consumer-out
                version: 1.0.0
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: data/consumer
                    format: delta
                schema:
                  - name: out
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: string
                """);
        return dir;
    }
}
