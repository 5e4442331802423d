package dev.meshsdk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes N realistic products (a product file and two contracts each) for benchmarks. */
public final class ProductGenerator {
    private ProductGenerator() {}

    public static List<Path> generate(Path root, int count) throws IOException {
        List<Path> dirs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "product-" + i;
            Path dir = root.resolve(id);
            Files.createDirectories(dir.resolve("contracts"));
            Files.writeString(dir.resolve("product.yaml"), """
                    apiVersion: v1.0.0
                    kind: DataProduct
                    id: %1$s
                    name: Product %2$d
                    version: 1.%2$d.0
                    status: active
                    domain: domain-%3$d
                    team:
                      name: team-%3$d
                      members:
                        - username: owner%3$d@example.com
                          role: owner
                    description:
                      purpose: Generated product number %2$d for benchmarks.
                    tags: [generated, benchmark]
                    outputPorts:
                      - name: events
                        version: 1.0.0
                        contractId: %1$s-events
                      - name: summary
                        version: 2.0.0
                        contractId: %1$s-summary
                    """.formatted(id, i, i % 17));
            Files.writeString(dir.resolve("contracts/events.yaml"), contract(id + "-events", "1.0.0", "events", i));
            Files.writeString(dir.resolve("contracts/summary.yaml"), contract(id + "-summary", "2.0.0", "summary", i));
            dirs.add(dir);
        }
        return dirs;
    }

    private static String contract(String id, String version, String table, int i) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s
                name: %3$s
                version: %2$s
                status: active
                domain: domain-%4$d
                servers:
                  - server: dev
                    type: local
                    environment: dev
                    path: target/data/%1$s
                    format: delta
                roles:
                  - role: analysts
                    access: read
                slaProperties:
                  - property: retention
                    value: 3
                    unit: y
                schema:
                  - name: %3$s
                    physicalType: table
                    description: Generated table
                    properties:
                      - name: id
                        logicalType: integer
                        required: true
                        primaryKey: true
                        quality:
                          - metric: nullValues
                            mustBe: 0
                          - metric: duplicateValues
                            mustBe: 0
                      - name: customer_email
                        logicalType: string
                        classification: restricted
                        customProperties:
                          - property: subjectKey
                            value: true
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                      - name: created_at
                        logicalType: timestamp
                      - name: status
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            arguments:
                              validValues: [open, closed]
                            mustBeLessThan: 1
                            unit: percent
                    quality:
                      - metric: rowCount
                        mustBeGreaterThan: 0
                """.formatted(id, version, table, i % 17);
    }
}
