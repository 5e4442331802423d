package dev.meshsdk.bench.catalog;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.ProductSource;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.internal.engine.InputResolution;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The central layer's benchmarks of issue 11, side by side for the {@code file} and {@code postgres}
 * registries in one run: a generated mesh of 200 teams and 5,000 products (2 output ports each, lineage
 * between them) is recorded in each registry, then a catalog search, resolving one product's input ports
 * and writing the catalog site for all of it are timed. Goals: site under 20 s, search under 50 ms,
 * resolving under 20 ms. The first call on a freshly opened registry (what a Maven build pays) and the
 * median of warm calls are both printed, and a search right after another build (another registry object)
 * recorded a deployment. A first pass over 500 products in other registries warms the JVM; its figures are
 * printed apart, as the cold start a fresh JVM adds. Arguments: {@code [products] [teams]}. Nothing here
 * asserts a time.
 */
public final class CatalogBenchmark {
    private static final int WARM_RUNS = 21;

    private CatalogBenchmark() {}

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5000;
        int teams = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long t0 = System.nanoTime();
        GeneratedMesh mesh = new GeneratedMesh(teams, products);
        System.out.printf(
                "generated %,d products of %d teams (%,d lineage edges) in %.1f s%n",
                products,
                teams,
                mesh.entries.stream().mapToInt(e -> e.inputPorts().size()).sum(),
                (System.nanoTime() - t0) / 1e9);
        Path work = Files.createTempDirectory("mesh-catalog-bench");
        Path consumer = ConsumerProduct.write(work.resolve("consumer"), products);

        // A first pass over a small mesh in other registries loads and compiles the code, so that the figures
        // below are what a registry object pays in a running JVM; that pass's own first calls are the JVM's
        // cold start (class loading), the same for 500 products as for 5,000, and printed apart.
        GeneratedMesh small = new GeneratedMesh(20, 500);
        Path smallConsumer = ConsumerProduct.write(work.resolve("consumer-small"), 500);
        Map<String, Map<String, Double>> cold = new LinkedHashMap<>();
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        cold.put("file", run("file", fileConfig(work, "registry-small"), Secrets.none(), small, smallConsumer, work));
        figures.put("file", run("file", fileConfig(work, "registry"), Secrets.none(), mesh, consumer, work));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Secrets secrets = id -> "mesh-registry".equals(id)
                    ? Optional.of(new Secrets.Credential("postgres", null))
                    : Optional.empty();
            cold.put("postgres", run("postgres", pgConfig(pg, "mesh_small"), secrets, small, smallConsumer, work));
            figures.put("postgres", run("postgres", pgConfig(pg, "mesh"), secrets, mesh, consumer, work));
        }
        print("the first pass: 500 products in a cold JVM", cold);
        print(
                String.format("the catalog of %,d products: file vs postgres registry, in a warm JVM", products),
                figures);
    }

    private static Map<String, String> fileConfig(Path work, String folder) {
        return Map.of("mesh.registry.file.root", work.resolve(folder).toString());
    }

    private static Map<String, String> pgConfig(EmbeddedPostgres pg, String schema) {
        return Map.of(
                "mesh.registry.postgres.host",
                "localhost",
                "mesh.registry.postgres.port",
                String.valueOf(pg.getPort()),
                "mesh.registry.postgres.database",
                "postgres",
                "mesh.registry.postgres.schema",
                schema);
    }

    private static Map<String, Double> run(
            String registry,
            Map<String, String> config,
            Secrets secrets,
            GeneratedMesh mesh,
            Path consumer,
            Path work) {
        Map<String, Double> f = new LinkedHashMap<>();
        try (Mesh m = open(work, registry, config, secrets)) {
            Registry r = m.registry();
            long t = System.nanoTime();
            for (int i = 0; i < mesh.entries.size(); i++)
                r.deployments().record(mesh.deployments.get(i), mesh.entries.get(i));
            for (QualityRecord q : mesh.quality) r.quality().record(q);
            f.put("record all (s)", (System.nanoTime() - t) / 1e9);
        }
        LoadResult loaded = new DescriptorLoader(Set.of("local", "postgres")).load(List.of(consumer));
        if (loaded.report().hasErrors())
            throw new IllegalStateException(loaded.report().format());
        List<ProductSource> sources = loaded.products();
        CatalogQuery query =
                CatalogQuery.in(GeneratedMesh.ENV).text("customer summary").team("team-17");
        try (Mesh m = open(work, registry, config, secrets)) {
            MeshCatalog catalog = m.catalog();
            f.put("search, first call (ms)", millis(() -> check(catalog.search(query))));
            f.put("search, warm median (ms)", median(() -> check(catalog.search(query))));
            try (Mesh other = open(work, registry, config, secrets)) {
                CatalogEntry changed = mesh.entries.get(17);
                other.registry().deployments().record(mesh.deployments.get(17), changed);
            }
            f.put("search after another build wrote (ms)", millis(() -> check(catalog.search(query))));
        }
        try (Mesh m = open(work, registry, config, secrets)) {
            InputResolution resolution =
                    new InputResolution(GeneratedMesh.ENV, m::registry, java.time.Clock.systemUTC());
            f.put("resolve inputs, first call (ms)", millis(() -> resolved(resolution.resolve(sources))));
            f.put("resolve inputs, warm median (ms)", median(() -> resolved(resolution.resolve(sources))));
        }
        try (Mesh m = open(work, registry, config, secrets)) {
            // what the first call costs beside opening the registry (for postgres: connecting), which a build
            // pays once for all its registry calls
            m.registry();
            InputResolution resolution =
                    new InputResolution(GeneratedMesh.ENV, m::registry, java.time.Clock.systemUTC());
            f.put(
                    "resolve inputs, first call, registry open (ms)",
                    millis(() -> resolved(resolution.resolve(sources))));
        }
        try (Mesh m = open(work, registry, config, secrets)) {
            Path out = work.resolve("site-" + registry + "-" + mesh.entries.size());
            f.put("catalog site, all products (s)", millis(() -> SiteWriter.write(m.catalog(), out)) / 1000);
        }
        return f;
    }

    private static Mesh open(Path work, String registry, Map<String, String> config, Secrets secrets) {
        return Mesh.builder()
                .baseDirectory(work)
                .registry(registry)
                .config(config)
                .secrets(secrets)
                .policyEngine("none")
                .build();
    }

    private static Object check(List<CatalogEntry> found) {
        if (found.isEmpty()) throw new IllegalStateException("the search found nothing");
        return found;
    }

    private static Object resolved(InputResolution.Result result) {
        if (!result.diagnostics().isEmpty())
            throw new IllegalStateException(result.diagnostics().toString());
        if (result.inputs().values().iterator().next().stream().anyMatch(i -> i.producer() == null)) {
            throw new IllegalStateException("an input port did not resolve");
        }
        return result;
    }

    private static double millis(Supplier<Object> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(Supplier<Object> work) {
        for (int i = 0; i < 5; i++) work.get();
        double[] runs = new double[WARM_RUNS];
        for (int i = 0; i < runs.length; i++) runs[i] = millis(work);
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    private static void print(String title, Map<String, Map<String, Double>> figures) {
        System.out.printf("%n== %s ==%n", title);
        List<String> rows = new ArrayList<>(figures.get("file").keySet());
        System.out.printf("%-34s %12s %12s %10s%n", "", "file", "postgres", "goal");
        Map<String, String> goals = Map.of(
                "search, warm median (ms)",
                "50 ms",
                "search, first call (ms)",
                "50 ms",
                "resolve inputs, warm median (ms)",
                "20 ms",
                "resolve inputs, first call (ms)",
                "20 ms",
                "resolve inputs, first call, registry open (ms)",
                "20 ms",
                "catalog site, all products (s)",
                "20 s");
        for (String row : rows) {
            System.out.printf(
                    "%-34s %12.2f %12.2f %10s%n",
                    row, figures.get("file").get(row), figures.get("postgres").get(row), goals.getOrDefault(row, ""));
        }
    }
}
