package dev.meshsdk.internal.engine;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.WithheldAccess;
import dev.meshsdk.spi.registry.Registry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What planning and deploying work with, for one environment. */
public record EngineContext(
        AdapterContext adapterContext,
        Plugins plugins,
        Supplier<Registry> registry,
        MeshListener listener,
        String user,
        Map<String, List<WithheldAccess>> withheld) {

    public EngineContext {
        withheld = withheld == null ? Map.of() : Map.copyOf(withheld);
    }

    public EngineContext(
            AdapterContext adapterContext,
            Plugins plugins,
            Supplier<Registry> registry,
            MeshListener listener,
            String user) {
        this(adapterContext, plugins, registry, listener, user, Map.of());
    }

    /** The access the policies withhold from one product's ports. */
    List<WithheldAccess> withheld(String productId) {
        return withheld.getOrDefault(productId, List.of());
    }

    String environment() {
        return adapterContext.environment();
    }

    MetricRegistry metrics() {
        return adapterContext.metrics();
    }

    Clock clock() {
        return adapterContext.clock();
    }

    void emit(MeshEvent event) {
        listener.onEvent(event);
    }

    /** Emits the warnings among {@code diagnostics} (those validation shows too); returns the errors. */
    List<Diagnostic> warnAndKeepErrors(List<Diagnostic> diagnostics) {
        diagnostics.stream().filter(d -> !d.isError()).forEach(d -> emit(new MeshEvent.Warning(d)));
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** Runs {@code work} under the timer {@code name}, counting failures under {@code name.failures}. */
    <T> T timed(String name, Supplier<T> work) {
        try (Timer.Context ignored = metrics().timer(name).time()) {
            return work.get();
        } catch (RuntimeException e) {
            metrics().counter(name + ".failures").inc();
            throw e;
        }
    }

    void timed(String name, Runnable work) {
        timed(name, () -> {
            work.run();
            return null;
        });
    }
}
