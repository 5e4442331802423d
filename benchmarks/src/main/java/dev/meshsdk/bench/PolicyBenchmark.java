package dev.meshsdk.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ProductSource;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.DescriptorWriter;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.policy.PolicyPlugin;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates the default governance pack against one generated product; reports p50 and p99 after warm-up. */
final class PolicyBenchmark {
    private PolicyBenchmark() {}

    static void run() throws Exception {
        Path root = Files.createTempDirectory("mesh-policy-bench");
        List<Path> dirs = ProductGenerator.generate(root, 1);
        LoadResult loaded = new DescriptorLoader(Set.of("local")).load(dirs);
        if (loaded.report().hasErrors())
            throw new IllegalStateException(loaded.report().format());
        PolicyInput input = input(loaded.products().get(0));
        PolicyEngineFactory rego = new PolicyPlugin()
                .policyEngines().stream()
                        .filter(f -> f.name().equals("rego"))
                        .findFirst()
                        .orElseThrow();
        try (PolicyEngine engine = rego.create(new AdapterContext("dev", root, Map.of(), null, null, null))) {
            int findings = engine.evaluate(input).findings().size();
            for (int i = 0; i < 20_000; i++) engine.evaluate(input);
            long[] samples = new long[50_000];
            for (int i = 0; i < samples.length; i++) {
                long t0 = System.nanoTime();
                engine.evaluate(input);
                samples[i] = System.nanoTime() - t0;
            }
            Arrays.sort(samples);
            double p50 = samples[samples.length / 2] / 1e3;
            double p99 = samples[(int) (samples.length * 0.99)] / 1e3;
            System.out.printf(
                    "%n== governance pack on one product (own JVM), %d evaluations after 20,000 warm-up ==%n",
                    samples.length);
            System.out.printf("findings per evaluation %d%n", findings);
            System.out.printf("p50 %8.1f us   p99 %8.1f us   goal p50 100 us -> p50/goal %.2fx%n", p50, p99, p50 / 100);
        }
    }

    private static PolicyInput input(ProductSource p) {
        ObjectMapper json = new ObjectMapper();
        DescriptorWriter w = new DescriptorWriter();
        TypeReference<Map<String, Object>> map = new TypeReference<>() {};
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "deploy");
        doc.put("environment", "dev");
        doc.put("product", json.convertValue(w.toTree(p.product()), map));
        doc.put(
                "contracts",
                p.contracts().stream()
                        .map(c -> json.convertValue(w.toTree(c.contract()), map))
                        .toList());
        doc.put("deployed", null);
        return new PolicyInput(doc);
    }
}
