package dev.meshsdk.maven;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRules;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code mesh:spark-probe}'s call: evaluates the quality rules of every deployed output port of the build's
 * products with the {@code spark} quality engine, a line per port. No parameters.
 */
record SparkProbeCall() implements GoalCall {
    static final String ENGINE = "spark";

    @Override
    public boolean touches(String productId, String port) {
        return true;
    }

    @Override
    public void run(Mesh mesh, MeshSetup setup, Log log) {
        List<ProductSource> products = mesh.products(setup.products());
        int ports = 0;
        int passed = 0;
        int failed = 0;
        int errors = 0;
        try (QualityEngine engine = engine().create(setup.adapterContext(mesh, Secrets.none()))) {
            for (ProductSource product : products) {
                for (OutputPort port : product.product().outputPorts()) {
                    PortBinding binding = mesh.catalog().binding(product.product().id(), port.name());
                    if (!engine.supports(binding)) continue;
                    List<QualityResult> results = engine.evaluate(binding, ScopedRules.of(binding.contract()));
                    long p = count(results, QualityResult.Status.PASSED);
                    long f = count(results, QualityResult.Status.FAILED);
                    long e = count(results, QualityResult.Status.ERROR);
                    log.info("  port '" + port.name() + "' of '" + product.product().id() + "': " + results.size()
                            + " rule(s), " + p + " passed, " + f + " failed, " + e + " error(s)");
                    ports++;
                    passed += p;
                    failed += f;
                    errors += e;
                }
            }
        }
        log.info("Probed " + ports + " port(s) with the spark engine: " + passed + " rule(s) passed, " + failed
                + " failed, " + errors + " error(s)");
    }

    private static long count(List<QualityResult> results, QualityResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static QualityEngineFactory engine() {
        for (MeshPlugin plugin : ServiceLoader.load(MeshPlugin.class, SparkProbeCall.class.getClassLoader())) {
            for (QualityEngineFactory factory : plugin.qualityEngines()) {
                if (factory.name().equals(ENGINE)) return factory;
            }
        }
        throw new MeshException(ErrorCode.ADAPTER_NOT_FOUND, "Cannot probe Spark: the spark quality engine is not"
                + " loaded; add dev.meshsdk:mesh-spark to the plugin's <dependencies>");
    }
}
