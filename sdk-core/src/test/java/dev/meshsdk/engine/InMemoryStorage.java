package dev.meshsdk.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.spi.storage.SupportsConcurrentErasure;
import dev.meshsdk.spi.storage.SupportsDropTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test double for a store: tables are maps of column name to type held in memory. It plans creates,
 * additive columns and refusals for dropped columns, like a real adapter, so the engine's plan/apply
 * logic can be tested without a store. It is not a store: nothing is persisted.
 */
final class InMemoryStorage implements StorageAdapterFactory {
    final Map<String, Map<String, String>> tables = new ConcurrentHashMap<>();
    final List<String> applied = new ArrayList<>();
    /** Every binding the engine asked this store to plan for, in order. */
    final List<PortBinding> planned = new java.util.concurrent.CopyOnWriteArrayList<>();

    volatile String failOnApply;
    /** Rows per table (target), column name to value as text: what erasure deletes from. */
    final Map<String, List<Map<String, String>>> rows = new ConcurrentHashMap<>();
    /** Server paths whose erasure fails, as a store that went away. */
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** Every erasure request the store received, as the adapter sees it. */
    final List<ErasureRequest> erasures = new java.util.concurrent.CopyOnWriteArrayList<>();

    volatile int closed;
    /** When set, the store plans and applies grants for the binding's access, as real adapters do. */
    volatile boolean grants;
    /** Granted access per table: {@code principal:privilege}. */
    final Map<String, Set<String>> granted = new ConcurrentHashMap<>();
    /** Every table dropped, in order. */
    final List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** How many ports the engine may erase at once (1: one at a time, as without the ability). */
    volatile int erasureConcurrency = 1;
    /** When set, each erasure waits here for the others (10 s at most) before it deletes: they must run at once. */
    volatile CyclicBarrier eraseTogether;

    /** The adapter with the optional abilities to drop tables and to erase several ports at once. */
    interface DroppingAdapter extends StorageAdapter, SupportsDropTable, SupportsConcurrentErasure {}

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Set<String> serverTypes() {
        return Set.of("local");
    }

    @Override
    public StorageAdapter create(AdapterContext context) {
        return new DroppingAdapter() {
            @Override
            public List<String> tables(PortBinding port) {
                return port.contract().schema().stream()
                        .map(o -> target(port, o))
                        .filter(tables::containsKey)
                        .toList();
            }

            @Override
            public void dropTable(PortBinding port, String table) {
                if (!port.contract().schema().stream()
                        .map(o -> target(port, o))
                        .toList()
                        .contains(table)) {
                    throw new MeshException(
                            ErrorCode.INVALID_CONFIGURATION, "Cannot drop " + table + ": not the port's");
                }
                if (tables.remove(table) != null) dropped.add(table);
                granted.remove(table);
            }

            @Override
            public PortState inspect(PortBinding port) {
                Map<String, String> seen = new LinkedHashMap<>();
                for (SchemaObject o : port.contract().schema()) {
                    Map<String, String> t = tables.get(target(port, o));
                    if (t != null) seen.put(target(port, o), t.toString());
                }
                return seen.isEmpty()
                        ? PortState.absent()
                        : new PortState(
                                true, Integer.toHexString(seen.toString().hashCode()), seen);
            }

            @Override
            public List<Change> plan(PortBinding port, PortState actual) {
                planned.add(port);
                List<Change> out = new ArrayList<>();
                for (SchemaObject o : port.contract().schema()) {
                    String target = target(port, o);
                    Map<String, String> t = tables.get(target);
                    if (t == null) {
                        out.add(new Change.CreateTable(
                                target,
                                o.properties().stream()
                                        .map(InMemoryStorage::column)
                                        .toList(),
                                List.of(),
                                List.of(),
                                Map.of(),
                                o.description()));
                        if (grants)
                            port.access().forEach(g -> out.add(new Change.Grant(target, g.principal(), g.privilege())));
                        continue;
                    }
                    for (SchemaProperty p : o.properties()) {
                        if (!t.containsKey(p.storeName())) out.add(new Change.AddColumn(target, column(p)));
                    }
                    if (grants) {
                        Set<String> has = granted.getOrDefault(target, Set.of());
                        for (var g : port.access()) {
                            if (!has.contains(g.principal() + ":" + g.privilege())) {
                                out.add(new Change.Grant(target, g.principal(), g.privilege()));
                            }
                        }
                        for (String g : new java.util.TreeSet<>(has)) {
                            String[] pp = g.split(":");
                            if (port.access().stream()
                                    .noneMatch(a -> (a.principal() + ":" + a.privilege()).equals(g))) {
                                out.add(new Change.Revoke(target, pp[0], pp[1]));
                            }
                        }
                    }
                    for (String existing : t.keySet()) {
                        if (o.properties().stream().noneMatch(p -> p.storeName().equals(existing))) {
                            out.add(new Change.Refused(
                                    target,
                                    "column '" + existing + "' would be dropped",
                                    "bump the contract's major version",
                                    existing));
                        }
                    }
                }
                return out;
            }

            @Override
            public void apply(PortBinding port, Change change) {
                if (change.target().equals(failOnApply)) {
                    throw new MeshException(
                            ErrorCode.STORAGE_FAILURE, "Cannot apply to " + change.target() + ": injected failure");
                }
                synchronized (applied) {
                    applied.add(change.summary());
                }
                if (change instanceof Change.CreateTable c) {
                    Map<String, String> cols = new LinkedHashMap<>();
                    c.columns().forEach(col -> cols.put(col.name(), col.type()));
                    tables.putIfAbsent(c.target(), cols);
                } else if (change instanceof Change.AddColumn a) {
                    tables.get(a.target())
                            .putIfAbsent(a.column().name(), a.column().type());
                } else if (change instanceof Change.DropColumn d) {
                    tables.get(d.target()).remove(d.column());
                } else if (change instanceof Change.Grant g) {
                    granted.computeIfAbsent(g.target(), k -> ConcurrentHashMap.newKeySet())
                            .add(g.principal() + ":" + g.privilege());
                } else if (change instanceof Change.Revoke r) {
                    granted.getOrDefault(r.target(), Set.of()).remove(r.principal() + ":" + r.privilege());
                }
            }

            @Override
            public int erasureConcurrency() {
                return erasureConcurrency;
            }

            @Override
            public ErasureResult erase(PortBinding port, ErasureRequest request) {
                erasures.add(request);
                CyclicBarrier together = eraseTogether;
                if (together != null) {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the erasures did not run at once: " + e, e);
                    }
                }
                String path = port.server().setting("path").orElse("mem");
                if (unreachable.contains(path)) {
                    // as a store that quotes the value it could not use
                    throw new MeshException(
                            ErrorCode.STORAGE_FAILURE,
                            "Cannot erase from " + path + ": connection" + " refused while deleting \""
                                    + request.subjectValue() + "\"");
                }
                List<ErasureResult.TableErasure> tables = new ArrayList<>();
                for (SchemaObject o : port.contract().schema()) {
                    for (SchemaProperty p : o.properties()) {
                        if (!request.erasesBy(p)) continue;
                        List<Map<String, String>> t = rows.getOrDefault(target(port, o), new ArrayList<>());
                        int before = t.size();
                        t.removeIf(r -> request.subjectValue().equals(r.get(p.storeName())));
                        tables.add(new ErasureResult.TableErasure(
                                target(port, o),
                                p.storeName(),
                                before - t.size(),
                                "1",
                                true,
                                java.time.Instant.EPOCH,
                                null));
                    }
                }
                return ErasureResult.of(tables);
            }

            @Override
            public void close() {
                closed++;
            }
        };
    }

    static String target(PortBinding port, SchemaObject o) {
        int major = port.contractMajorVersion();
        return port.server().setting("path").orElse("mem") + "/" + o.storeName() + (major >= 2 ? "_v" + major : "");
    }

    private static Column column(SchemaProperty p) {
        return new Column(
                p.storeName(),
                p.logicalType() == null ? "string" : p.logicalType(),
                p.logicalType(),
                !p.required(),
                p.description(),
                p.classification());
    }
}
