package dev.meshsdk.spi.usage;

import dev.meshsdk.spi.AdapterContext;

/** Creates a {@link UsageCollector}. Returned by {@link dev.meshsdk.spi.MeshPlugin#usageCollectors()}. */
public interface UsageCollectorFactory {
    /** A unique name ({@code postgres}, {@code spark}), the source of its observations. */
    String name();

    /** Creates it; must not connect yet (the first collection does). */
    UsageCollector create(AdapterContext context);
}
