package dev.meshsdk.bench.usage;

import dev.meshsdk.Mesh;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The benchmark's mesh: {@code size} products of one output port each ({@code usage-00000} .. , port {@code
 * port_00000} .., table {@code usage_bench.port_00000} ..) in one PostgreSQL database. Product 0 is deployed with
 * {@link Mesh#deploy} (the SDK creates its table and writes its catalog entry); the others' tables are created with
 * the same DDL and their catalog entries are that deployed entry with the number changed, recorded through the
 * registry's deployment history as a deployment records them. Deploying 5,000 products one by one would time the
 * deployment, not the usage collection.
 */
final class UsageMesh {
    static final String SCHEMA = "usage_bench";
    static final String TEMPLATE = "00000";

    final int size;
    private final CatalogEntry template;

    private UsageMesh(int size, CatalogEntry template) {
        this.size = size;
        this.template = template;
    }

    /** Deploys product 0 with {@code mesh} and creates the other tables. */
    static UsageMesh deploy(Mesh mesh, Path work, String host, int port, int size, Connection admin)
            throws IOException, SQLException {
        Path dir = work.resolve("usage-" + TEMPLATE);
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: usage-%1$s
                name: Usage product %1$s
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: team-%1$s
                  members:
                    - username: owner-%1$s@example.com
                      role: owner
                description:
                  purpose: Usage benchmark product %1$s
                outputPorts:
                  - name: port_%1$s
                    version: 1.0.0
                    contractId: usage-%1$s-port
                """.formatted(TEMPLATE));
        Files.writeString(dir.resolve("contracts/port.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: usage-%1$s-port
                version: 1.0.0
                status: active
                servers:
                  - server: bench
                    type: postgres
                    environment: dev
                    host: %2$s
                    port: %3$d
                    database: postgres
                    schema: %4$s
                schema:
                  - name: port_%1$s
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: bigint
                        primaryKey: true
                        required: true
                      - name: name
                        logicalType: string
                """.formatted(TEMPLATE, host, port, SCHEMA));
        mesh.deploy(List.of(dir));
        CatalogEntry deployed = mesh.catalog()
                .product("usage-" + TEMPLATE)
                .orElseThrow(() -> new IllegalStateException("the deployed template product is not in the catalog"));
        if (deployed.outputPorts().size() != 1
                || deployed.outputPorts().get(0).datasets().size() != 1) {
            throw new IllegalStateException("the template product should have one port of one table: " + deployed);
        }
        try (Statement s = admin.createStatement()) {
            for (int i = 1; i < size; i++) {
                s.addBatch("CREATE TABLE " + SCHEMA + ".port_" + number(i) + " (id BIGINT PRIMARY KEY, name TEXT)");
                if (i % 500 == 0) s.executeBatch();
            }
            s.executeBatch();
        }
        return new UsageMesh(size, deployed);
    }

    static String number(int i) {
        return String.format("%05d", i);
    }

    static String productId(int i) {
        return "usage-" + number(i);
    }

    static String port(int i) {
        return "port_" + number(i);
    }

    /** The deployed entry of product {@code i} in {@code environment}. */
    CatalogEntry entry(int i, String environment) {
        UnaryOperator<String> f = s -> s == null ? null : s.replace(TEMPLATE, number(i));
        CatalogEntry t = template;
        List<CatalogEntry.Port> ports = t.outputPorts().stream()
                .map(p -> new CatalogEntry.Port(
                        f.apply(p.name()),
                        f.apply(p.description()),
                        p.version(),
                        f.apply(p.contractId()),
                        p.contractVersion(),
                        p.majorVersion(),
                        p.status(),
                        p.sunset(),
                        p.server(),
                        p.serverType(),
                        f.apply(p.address()),
                        p.datasets().stream()
                                .map(d -> new CatalogEntry.Dataset(f.apply(d.object()), f.apply(d.address())))
                                .toList(),
                        p.columns().stream()
                                .map(c -> new CatalogEntry.Column(
                                        f.apply(c.object()),
                                        c.name(),
                                        c.logicalType(),
                                        c.physicalType(),
                                        c.required(),
                                        c.primaryKey(),
                                        c.description(),
                                        c.classification(),
                                        c.subjectKey()))
                                .toList(),
                        p.sla(),
                        p.quality(),
                        p.contractFile()))
                .toList();
        CatalogEntry.Owner owner = new CatalogEntry.Owner(
                f.apply(t.owner().team()),
                t.owner().description(),
                t.owner().members().stream()
                        .map(m -> new CatalogEntry.Member(f.apply(m.username()), m.name(), m.role()))
                        .toList());
        return new CatalogEntry(
                f.apply(t.productId()),
                environment,
                f.apply(t.name()),
                t.version(),
                t.status(),
                t.domain(),
                t.tenant(),
                t.tags(),
                owner,
                f.apply(t.description()),
                ports,
                t.inputPorts(),
                t.descriptors().stream()
                        .map(d -> new CatalogEntry.Descriptor(d.path(), d.kind(), f.apply(d.text())))
                        .toList(),
                t.updatedAt());
    }

    /** The address of product {@code i}'s table. */
    String address(int i) {
        return entry(i, template.environment())
                .outputPorts()
                .get(0)
                .datasets()
                .get(0)
                .address();
    }

    /**
     * Records every product's deployment and entry in {@code environment} of {@code registry}, from four threads
     * (as four builds deploying at once would): setup, not what is measured.
     */
    void register(Registry registry, String environment, Instant at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    CatalogEntry e = entry(n, environment);
                    registry.deployments()
                            .record(
                                    new DeploymentRecord(
                                            e.productId(),
                                            e.version(),
                                            environment,
                                            "sha256-bench-" + n,
                                            at,
                                            "usage-bench",
                                            DeploymentRecord.Outcome.SUCCEEDED,
                                            List.of(),
                                            null),
                                    e);
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
    }
}
