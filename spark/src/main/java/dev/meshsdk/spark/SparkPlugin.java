package dev.meshsdk.spark;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import java.util.List;

/**
 * The Spark module's entry point: the {@code spark} quality engine and the {@code spark} data module (publish,
 * sample and table facts of {@code local} and {@code s3} ports). Listed in
 * {@code META-INF/services/dev.meshsdk.spi.MeshPlugin}. Loading the plugin and creating either start no Spark
 * session; the first evaluation, publish or read does.
 */
public final class SparkPlugin implements MeshPlugin {
    /** The quality engine's name. */
    public static final String ENGINE = "spark";

    @Override
    public List<QualityEngineFactory> qualityEngines() {
        return List.of(new QualityEngineFactory() {
            @Override
            public String name() {
                return ENGINE;
            }

            @Override
            public QualityEngine create(AdapterContext context) {
                SparkSettings settings = SparkSettings.from(context);
                return new SparkQualityEngine(settings::getOrCreate, context);
            }
        });
    }

    @Override
    public List<PortDataFactory> portData() {
        return List.of(new PortDataFactory() {
            @Override
            public String name() {
                return ENGINE;
            }

            @Override
            public PortData create(AdapterContext context) {
                SparkSettings settings = SparkSettings.from(context);
                return new SparkPortData(settings::getOrCreate, context);
            }
        });
    }

    /** The {@code spark} usage collector: Delta reads that consumers' sessions logged ({@link MeshReadListener}). */
    @Override
    public List<dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return List.of(
                dev.meshsdk.spi.usage.UsageCollectorFactory.of(SparkUsageCollector.SOURCE, SparkUsageCollector::new));
    }
}
