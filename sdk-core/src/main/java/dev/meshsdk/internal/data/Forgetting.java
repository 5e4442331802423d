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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Erases one data subject from every port of the environment that marks a subject key of its type, in every
 * contract major version the catalog lists, on every store, keeping receipts in the registry's erasure log.
 *
 * <p>Before deleting anything it records a {@code PENDING} receipt for every port, so that a crash leaves on
 * record what was not erased; then it erases port after port, recording {@code DONE} (rows deleted per table,
 * version, whether the rows are physically gone) or {@code FAILED} (why), and goes on with the other ports
 * when one fails. Running it again is safe: ports done before delete nothing, failed ones are finished.
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

    public Forgetting(AdapterContext context, Plugins plugins, ErasureLog log, MeshCatalog catalog,
                      MeshListener listener, String user) {
        this.context = context;
        this.plugins = plugins;
        this.log = log;
        this.catalog = catalog;
        this.listener = listener;
        this.user = user;
    }

    public ForgetResult forget(String subject, String subjectType) {
        if (subject == null || subject.isBlank()) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot forget a data subject: the subject"
                    + " value is empty; give the value of the column marked as its subject key");
        }
        String type = subjectType == null || subjectType.isBlank() ? SchemaProperty.DEFAULT_SUBJECT_TYPE
                : subjectType.trim().toLowerCase(Locale.ROOT);
        List<CatalogEntry> entries = catalog.products();
        Set<String> known = ForgetTargets.knownTypes(entries);
        if (!known.contains(type)) {
            throw new MeshException(ErrorCode.NOT_FOUND, "Cannot forget a subject of type '" + type + "': "
                    + (known.isEmpty() ? "no product in '" + context.environment() + "' marks a subject key; mark the"
                    + " column that identifies a person with customProperties subjectKey: true (or the subject's"
                    + " type) and deploy"
                    : "no product in '" + context.environment() + "' marks a subject key of that type; the types the"
                    + " mesh knows: " + known + (subjectType == null ? " (no type given means 'default', what"
                    + " subjectKey: true marks)" : "")));
        }
        String hash = SubjectHasher.of(context, log).hash(type, subject);
        List<ErasureReceipt> earlier = log.receipts(hash, context.environment());
        List<ForgetTargets.Target> targets = ForgetTargets.of(entries, type);
        List<Diagnostic> warnings = ForgetTargets.unmarkedDownstream(entries, targets, type, catalog.edges());
        warnings.forEach(w -> listener.onEvent(new MeshEvent.Warning(w)));
        String requestId = "forget-" + UUID.randomUUID();
        Scrubber scrub = new Scrubber(subject);
        for (ForgetTargets.Target t : targets) {
            record(receipt(requestId, hash, type, t, Status.PENDING, List.of(), null), List.of(), targets);
        }
        List<ErasureReceipt> done = new ArrayList<>();
        ErasureRequest request = new ErasureRequest(requestId, subject, user, type, true);
        for (ForgetTargets.Target t : targets) {
            ErasureReceipt r;
            try {
                ErasureResult result = erase(t, request);
                r = receipt(requestId, hash, type, t, Status.DONE, tables(result), null);
            } catch (RuntimeException e) {
                r = receipt(requestId, hash, type, t, Status.FAILED, List.of(), scrub.apply(reason(e)));
            }
            record(r, done, targets);
            done.add(r);
            listener.onEvent(new MeshEvent.PortErased(t.entry().productId(), t.port().name(),
                    t.port().majorVersion(), r.status().name(), r.rowsDeleted()));
        }
        return new ForgetResult(requestId, hash, type, context.environment(), done, earlier, warnings);
    }

    private ErasureResult erase(ForgetTargets.Target t, ErasureRequest request) {
        PortBinding binding = catalog.binding(t.entry().productId(), t.port().name(), t.port().majorVersion());
        StorageAdapter adapter = plugins.storage(binding.server().type(), context);
        return adapter.erase(binding, request);
    }

    /** Per-table detail; one line per target for an adapter that reports none. */
    private static List<ErasureResult.TableErasure> tables(ErasureResult result) {
        if (!result.tables().isEmpty()) return result.tables();
        String target = result.target() == null || result.target().isBlank() ? "(port)" : result.target();
        return List.of(new ErasureResult.TableErasure(target, null, result.rowsDeleted(), null, false, null,
                "the storage adapter reports no per-table detail, nor whether the rows are physically gone"));
    }

    private ErasureReceipt receipt(String requestId, String hash, String type, ForgetTargets.Target t, Status status,
                                   List<ErasureResult.TableErasure> tables, String message) {
        CatalogEntry.Port p = t.port();
        return new ErasureReceipt(requestId, hash, type, context.environment(), t.entry().productId(), p.name(),
                p.majorVersion(), p.serverType(), p.address(), status, tables, message, user, now());
    }

    /** Appends to the log; when it cannot, stops, saying which ports were erased and which were not. */
    private void record(ErasureReceipt r, List<ErasureReceipt> done, List<ForgetTargets.Target> targets) {
        try {
            log.record(r);
        } catch (RuntimeException e) {
            List<String> erased = done.stream().filter(d -> d.status() == Status.DONE)
                    .map(d -> d.productId() + "/" + d.port() + " v" + d.majorVersion()).toList();
            if (r.status() == Status.DONE) erased = concat(erased, r.productId() + "/" + r.port() + " v" + r.majorVersion());
            throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot record the erasure receipt of port '"
                    + r.port() + "' v" + r.majorVersion() + " of product '" + r.productId() + "' for request "
                    + r.requestId() + ": " + reason(e) + "; erased so far: " + (erased.isEmpty() ? "nothing" : erased)
                    + " of " + targets.size() + " port(s); run forget again once the registry is back (a re-run"
                    + " is safe)", e);
        }
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> out = new ArrayList<>(list);
        out.add(one);
        return out;
    }

    private Instant now() {
        return context.clock().instant();
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
