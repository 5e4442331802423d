package dev.meshsdk.spi.usage;

import dev.meshsdk.spi.AdapterContext;

/** Creates a {@link UsageCollector}. Returned by {@link dev.meshsdk.spi.MeshPlugin#usageCollectors()}. */
public interface UsageCollectorFactory {
    /** A unique name ({@code postgres}, {@code spark}), the source of its observations. */
    String name();

    /** Creates it; must not connect yet (the first collection does). */
    UsageCollector create(AdapterContext context);

    /** A factory of {@code name} that creates collectors with {@code create}. */
    static UsageCollectorFactory of(String name, java.util.function.Function<AdapterContext, UsageCollector> create) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(create, "create");
        return new UsageCollectorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public UsageCollector create(AdapterContext context) {
                return create.apply(context);
            }
        };
    }
}
