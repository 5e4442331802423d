package dev.meshsdk.internal.data;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.ForgetResult;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.internal.engine.Plugins;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.ErasureReceipt.Status;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsConcurrentErasure;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Erases one data subject from every port of the environment that marks a subject key of its type, in every
 * contract major version the catalog lists, on every store, keeping receipts in the registry's erasure log.
 *
 * <p>Before deleting anything it records a {@code PENDING} receipt for every port, so that a crash leaves on
 * record what was not erased; then it erases the ports, those of different storage adapters side by side (and
 * several of one adapter at once where it {@link SupportsConcurrentErasure supports} it), recording {@code DONE}
 * (rows deleted per table, version, whether the rows are physically gone) or {@code FAILED} (why), and goes on
 * with the other ports when one fails. Running it again is safe: ports done before delete nothing, failed ones are finished.
 *
 * <p>The subject's value goes only to the storage adapters, inside an {@link ErasureRequest} that never
 * prints it; receipts, events and messages carry its keyed hash ({@link SubjectHasher}) and have the value
 * removed from any store message that quotes it.
 */
public final class Forgetting {
    private final AdapterContext context;
    private final Plugins plugins;
    private final ErasureLog log;
    private final MeshCatalog catalog;
    private final MeshListener listener;
    private final String user;

    public Forgetting(
            AdapterContext context,
            Plugins plugins,
            ErasureLog log,
            MeshCatalog catalog,
            MeshListener listener,
            String user) {
        this.context = context;
        this.plugins = plugins;
        this.log = log;
        this.catalog = catalog;
        this.listener = listener;
        this.user = user;
    }

    public ForgetResult forget(String subject, String subjectType) {
        if (subject == null || subject.isBlank()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot forget a data subject: the subject"
                            + " value is empty; give the value of the column marked as its subject key");
        }
        String type = subjectType == null || subjectType.isBlank()
                ? SchemaProperty.DEFAULT_SUBJECT_TYPE
                : subjectType.trim().toLowerCase(Locale.ROOT);
        List<CatalogEntry> entries = catalog.products();
        Set<String> known = ForgetTargets.knownTypes(entries);
        if (!known.contains(type)) {
            throw new MeshException(
                    ErrorCode.NOT_FOUND,
                    "Cannot forget a subject of type '" + type + "': "
                            + (known.isEmpty()
                                    ? "no product in '" + context.environment() + "' marks a subject key; mark the"
                                            + " column that identifies a person with customProperties subjectKey: true (or the subject's"
                                            + " type) and deploy"
                                    : "no product in '" + context.environment()
                                            + "' marks a subject key of that type; the types the"
                                            + " mesh knows: " + known
                                            + (subjectType == null
                                                    ? " (no type given means 'default', what"
                                                            + " subjectKey: true marks)"
                                                    : "")));
        }
        String hash = SubjectHasher.of(context, log).hash(type, subject);
        List<ErasureReceipt> earlier = log.receipts(hash, context.environment());
        List<ForgetTargets.Target> targets = ForgetTargets.of(entries, type);
        List<Diagnostic> warnings = ForgetTargets.unmarkedDownstream(entries, targets, type, catalog.edges());
        warnings.forEach(w -> listener.onEvent(new MeshEvent.Warning(w)));
        String requestId = "forget-" + UUID.randomUUID();
        Scrubber scrub = new Scrubber(subject);
        for (ForgetTargets.Target t : targets) {
            record(receipt(requestId, hash, type, t, Status.PENDING, List.of(), null), targets);
        }
        ErasureRequest request = new ErasureRequest(requestId, subject, user, type, true);
        List<ErasureReceipt> done = eraseAll(targets, request, hash, type, scrub, earlier);
        return new ForgetResult(requestId, hash, type, context.environment(), done, earlier, warnings);
    }

    /**
     * Erases every target and returns the receipts in the targets' order. The ports of different adapters are
     * erased side by side, an adapter's own one at a time or, when it {@link SupportsConcurrentErasure supports}
     * it, several at once; one worker alone runs on the calling thread. A port that fails gets a {@code FAILED}
     * receipt and the others go on; a receipt the registry cannot keep stops the erasure once the ports under
     * way are done.
     */
    private List<ErasureReceipt> eraseAll(
            List<ForgetTargets.Target> targets,
            ErasureRequest request,
            String hash,
            String type,
            Scrubber scrub,
            List<ErasureReceipt> earlier) {
        Map<String, Deque<Integer>> byAdapter = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byAdapter
                    .computeIfAbsent(plugins.storageName(targets.get(i).port().serverType()), k -> new ArrayDeque<>())
                    .add(i);
        }
        // Bindings and adapters are looked up here, on the calling thread; the workers only erase.
        List<Port> ports = new ArrayList<>();
        for (ForgetTargets.Target t : targets) ports.add(port(t));
        ErasureReceipt[] receipts = new ErasureReceipt[targets.size()];
        RuntimeException[] registryDown = new RuntimeException[1];
        ErasureReceipt[] unrecorded = new ErasureReceipt[1];
        Object lock = new Object();
        List<Runnable> workers = new ArrayList<>();
        for (Deque<Integer> queue : byAdapter.values()) {
            int lanes = Math.min(
                    queue.size(),
                    ports.get(queue.peek()).adapter() instanceof SupportsConcurrentErasure c
                            ? Math.max(1, c.erasureConcurrency())
                            : 1);
            for (int k = 0; k < lanes; k++) {
                workers.add(() -> {
                    while (true) {
                        Integer i;
                        synchronized (lock) {
                            i = registryDown[0] != null ? null : queue.poll();
                        }
                        if (i == null) return;
                        ForgetTargets.Target t = targets.get(i);
                        ErasureReceipt r;
                        try {
                            ErasureResult result = ports.get(i).erase(request);
                            r = receipt(
                                    request.requestId(),
                                    hash,
                                    type,
                                    t,
                                    Status.DONE,
                                    nothingNew(
                                            tables(result), t.port(), t.entry().productId(), earlier),
                                    null);
                        } catch (RuntimeException e) {
                            r = receipt(
                                    request.requestId(),
                                    hash,
                                    type,
                                    t,
                                    Status.FAILED,
                                    List.of(),
                                    scrub.apply(reason(e)));
                        }
                        synchronized (lock) {
                            receipts[i] = r;
                            try {
                                log.record(r);
                            } catch (RuntimeException e) {
                                if (registryDown[0] == null) {
                                    registryDown[0] = e;
                                    unrecorded[0] = r;
                                }
                                return;
                            }
                            listener.onEvent(new MeshEvent.PortErased(
                                    t.entry().productId(),
                                    t.port().name(),
                                    t.port().majorVersion(),
                                    r.status().name(),
                                    r.rowsDeleted()));
                        }
                    }
                });
            }
        }
        run(workers);
        if (registryDown[0] != null) {
            List<ErasureReceipt> erased = new ArrayList<>();
            for (ErasureReceipt r : receipts) if (r != null) erased.add(r);
            throw registryFailure(unrecorded[0], registryDown[0], erased, targets);
        }
        return List.of(receipts);
    }

    /** Runs the workers, one alone on this thread, several on threads of their own; rethrows what one threw. */
    private static void run(List<Runnable> workers) {
        if (workers.size() == 1) {
            workers.get(0).run();
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader(); // adapters find their services by it
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread th = new Thread(r, "mesh-forget");
            th.setDaemon(true);
            th.setContextClassLoader(loader);
            return th;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable w : workers) running.add(pool.submit(w));
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Interrupted while erasing a data subject; run forget again" + " to finish (a re-run is safe)",
                    e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A port to erase: its binding and adapter, or why they cannot be had (the port's erasure then fails). */
    private record Port(PortBinding binding, StorageAdapter adapter, RuntimeException failure) {
        ErasureResult erase(ErasureRequest request) {
            if (failure != null) throw failure;
            return adapter.erase(binding, request);
        }
    }

    private Port port(ForgetTargets.Target t) {
        try {
            PortBinding binding = catalog.binding(
                    t.entry().productId(), t.port().name(), t.port().majorVersion());
            return new Port(binding, plugins.storage(binding.server().type(), context), null);
        } catch (RuntimeException e) {
            return new Port(null, null, e);
        }
    }

    /** Per-table detail; one line per target for an adapter that reports none. */
    private static List<ErasureResult.TableErasure> tables(ErasureResult result) {
        if (!result.tables().isEmpty()) return result.tables();
        String target = result.target() == null || result.target().isBlank() ? "(port)" : result.target();
        return List.of(new ErasureResult.TableErasure(
                target,
                null,
                result.rowsDeleted(),
                null,
                false,
                null,
                "the storage adapter reports no per-table detail, nor whether the rows are physically gone"));
    }

    /**
     * A table the subject had no rows left in has nothing new that could become unrecoverable, whatever the store
     * says of its purge: its entry keeps the state of the rows an earlier request deleted from it (physically gone,
     * unrecoverable from), where the erasure log has it, and says nothing of the kind otherwise.
     */
    static List<ErasureResult.TableErasure> nothingNew(
            List<ErasureResult.TableErasure> tables,
            CatalogEntry.Port port,
            String productId,
            List<ErasureReceipt> earlier) {
        List<ErasureResult.TableErasure> out = new ArrayList<>();
        for (ErasureResult.TableErasure t : tables) {
            if (t.rowsDeleted() > 0) {
                out.add(t);
                continue;
            }
            ErasureResult.TableErasure before = null;
            String by = null;
            for (ErasureReceipt r : earlier) { // oldest first: the last one that deleted rows of the table wins
                if (r.status() != Status.DONE
                        || !r.productId().equals(productId)
                        || !r.port().equals(port.name())
                        || r.majorVersion() != port.majorVersion()) continue;
                for (ErasureResult.TableErasure e : r.tables()) {
                    if (e.table().equals(t.table()) && e.rowsDeleted() > 0) {
                        before = e;
                        by = r.requestId();
                    }
                }
            }
            out.add(new ErasureResult.TableErasure(
                    t.table(),
                    t.column(),
                    0,
                    t.version(),
                    before != null && before.physicallyGone(),
                    before == null ? null : before.unrecoverableFrom(),
                    before == null
                            ? "no rows of the subject: nothing was deleted, so nothing new becomes unrecoverable"
                            : "no rows of the subject left: request " + by + " deleted them; its state of them is"
                                    + " repeated here"));
        }
        return out;
    }

    private ErasureReceipt receipt(
            String requestId,
            String hash,
            String type,
            ForgetTargets.Target t,
            Status status,
            List<ErasureResult.TableErasure> tables,
            String message) {
        CatalogEntry.Port p = t.port();
        return new ErasureReceipt(
                requestId,
                hash,
                type,
                context.environment(),
                t.entry().productId(),
                p.name(),
                p.majorVersion(),
                p.serverType(),
                p.address(),
                status,
                tables,
                message,
                user,
                now());
    }

    /** Appends to the log; when it cannot, stops before anything is erased. */
    private void record(ErasureReceipt r, List<ForgetTargets.Target> targets) {
        try {
            log.record(r);
        } catch (RuntimeException e) {
            throw registryFailure(r, e, List.of(), targets);
        }
    }

    /** The registry could not keep receipt {@code r}: which ports were erased ({@code DONE} in {@code erased}). */
    private static MeshException registryFailure(
            ErasureReceipt r, RuntimeException e, List<ErasureReceipt> erased, List<ForgetTargets.Target> targets) {
        List<String> names = erased.stream()
                .filter(d -> d.status() == Status.DONE)
                .map(d -> d.productId() + "/" + d.port() + " v" + d.majorVersion())
                .toList();
        return new MeshException(
                ErrorCode.REGISTRY_FAILURE,
                "Cannot record the erasure receipt of port '"
                        + r.port() + "' v" + r.majorVersion() + " of product '" + r.productId() + "' for request "
                        + r.requestId() + ": " + reason(e) + "; erased so far: " + (names.isEmpty() ? "nothing" : names)
                        + " of " + targets.size() + " port(s); run forget again once the registry is back (a re-run"
                        + " is safe)",
                e);
    }

    private Instant now() {
        return context.clock().instant();
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
