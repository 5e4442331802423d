package dev.meshsdk.spi.quality;

import dev.meshsdk.spi.AdapterContext;

/** Creates a quality engine. Returned by {@link dev.meshsdk.spi.MeshPlugin#qualityEngines()}. */
public interface QualityEngineFactory {
    /** The engine's name, unique among loaded engines ({@code spark}, {@code postgres}, ...). */
    String name();

    QualityEngine create(AdapterContext context);
}
