package dev.meshsdk.storage.local;

import com.codahale.metrics.Timer;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsConcurrentErasure;
import dev.meshsdk.spi.storage.SupportsDropTable;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import dev.meshsdk.storage.delta.DeltaColumns;
import dev.meshsdk.storage.delta.DeltaTypes;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@code local} storage adapter: each schema object of a port's contract is a Delta Lake table in a
 * folder, created and evolved with Delta Kernel. See {@link TableSpecs} for the layout.
 */
final class LocalStorageAdapter
        implements StorageAdapter, PortAddresses, SupportsDropTable, SupportsConcurrentErasure, SupportsPortCheck {
    private final AdapterContext context;
    private final DeltaTableStore delta = new DeltaTableStore();
    private final GrantsFile grants = new GrantsFile();
    private final PortStates states = new PortStates();
    private Optional<DeltaEraser> eraser;

    LocalStorageAdapter(AdapterContext context) {
        this.context = context;
    }

    @Override
    public List<PortProblems.Problem> check(PortBinding port) {
        return TableSpecs.problems(port);
    }

    @Override
    public PortState inspect(PortBinding port) {
        return timed("inspect", () -> {
            List<TableSpec> specs = TableSpecs.of(port, context.baseDirectory());
            Map<String, String> locations = new LinkedHashMap<>();
            List<TableState> found = new ArrayList<>();
            for (TableSpec spec : specs) {
                locations.put(spec.target(), spec.dir().toString());
                found.add(read(spec));
            }
            return states.encode(locations, found);
        });
    }

    private TableState read(TableSpec spec) {
        try {
            List<AccessGrant> recorded = grants.read(spec.dir());
            Optional<Snapshot> snapshot = delta.snapshot(spec.dir());
            if (snapshot.isEmpty()) {
                return new TableState(spec.target(), false, -1, List.of(), List.of(), Map.of(), recorded);
            }
            Snapshot s = snapshot.get();
            return new TableState(
                    spec.target(),
                    true,
                    s.getVersion(),
                    DeltaTypes.columns(s.getSchema()),
                    s.getPartitionColumnNames(),
                    s.getTableProperties(),
                    recorded);
        } catch (IOException | RuntimeException e) {
            throw failure("inspect", spec.target(), spec.dir(), e);
        }
    }

    @Override
    public List<Change> plan(PortBinding port, PortState actual) {
        return timed("plan", () -> {
            List<Change> changes = new ArrayList<>();
            for (TableSpec spec : TableSpecs.of(port, context.baseDirectory())) {
                changes.addAll(LocalPlanner.plan(
                        spec, states.decode(actual, spec.target()), port.access(), port.contractMajorVersion()));
            }
            return List.copyOf(changes);
        });
    }

    @Override
    public void apply(PortBinding port, Change change) {
        timed("apply", () -> {
            Path dir = TableSpecs.dir(TableSpecs.root(port, context.baseDirectory()), change.target());
            try {
                if (change instanceof Change.CreateTable c) {
                    create(dir, c);
                } else if (change instanceof Change.AddColumn
                        || change instanceof Change.AlterColumn
                        || change instanceof Change.DropColumn) {
                    changeColumn(dir, change);
                } else if (change instanceof Change.SetProperties c) {
                    setProperties(dir, c);
                } else if (change instanceof Change.Grant c) {
                    grants.add(dir, new AccessGrant(c.principal(), c.privilege()));
                } else if (change instanceof Change.Revoke c) {
                    grants.remove(dir, new AccessGrant(c.principal(), c.privilege()));
                } else if (change instanceof Change.Refused c) {
                    throw new MeshException(
                            ErrorCode.PLAN_REFUSED,
                            "Cannot apply a refused change to '" + c.target() + "': " + c.reason()
                                    + (c.hint() == null ? "" : "; " + c.hint()));
                }
            } catch (MeshException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw failure("apply '" + change.summary() + "' to", change.target(), dir, e);
            }
            return null;
        });
    }

    private void create(Path dir, Change.CreateTable c) {
        if (delta.snapshot(dir).isPresent()) return;
        List<StructField> fields = new ArrayList<>();
        for (Column column : c.columns()) fields.add(DeltaTypes.field(column));
        delta.create(dir, new StructType(fields), c.partitionBy(), c.properties());
    }

    private Snapshot existing(Path dir, Change change) {
        return delta.snapshot(dir)
                .orElseThrow(() -> new MeshException(
                        ErrorCode.STALE_PLAN,
                        "Cannot " + change.summary() + ": there is no Delta table at " + dir
                                + " any more; plan again"));
    }

    /**
     * Adds, alters or drops a column: one schema commit, none when the table already is as the change wants. A dropped
     * column leaves the schema only (column mapping: the data files keep it, unread).
     */
    private void changeColumn(Path dir, Change change) {
        Snapshot s = existing(dir, change);
        DeltaColumns.apply(s.getSchema(), s.getTableProperties(), s.getPartitionColumnNames(), change)
                .ifPresent(schema -> delta.updateSchema(s, schema));
    }

    private void setProperties(Path dir, Change.SetProperties c) {
        Snapshot s = existing(dir, c);
        Map<String, String> current = s.getTableProperties();
        Map<String, String> added = new HashMap<>();
        c.properties().forEach((k, v) -> {
            if (!v.equals(current.get(k))) added.put(k, v);
        });
        Set<String> removed = new TreeSet<>();
        for (String k : c.removed()) {
            if (current.containsKey(k)) removed.add(k);
        }
        if (added.isEmpty() && removed.isEmpty()) return;
        delta.updateProperties(s, added, removed);
    }

    /**
     * Deletes the subject's rows from every table with a subject-key column through a
     * {@link dev.meshsdk.spi.storage.DeltaEraser} found on the class path (Delta Kernel 4.4 cannot delete rows
     * or write deletion vectors; the {@code mesh-spark} module provides one), then appends an audit entry without
     * the subject's value. Without an eraser: {@code UNSUPPORTED}, naming the module to add. See {@link LocalErasure}.
     */
    @Override
    public ErasureResult erase(PortBinding port, ErasureRequest request) {
        return timed("erase", () -> LocalErasure.erase(context, delta, LocalJson.MAPPER, port, request, eraser()));
    }

    /** Several ports at once: see {@link LocalErasure}. */
    @Override
    public int erasureConcurrency() {
        return LocalErasure.concurrency(context);
    }

    /** The Delta eraser, looked up once: it keeps its Spark sessions from one erasure to the next. */
    private synchronized Optional<DeltaEraser> eraser() {
        if (eraser == null) eraser = LocalErasure.eraser();
        return eraser;
    }

    /** The port's tables whose folders exist (a Delta table, or the grants the SDK recorded for one). */
    @Override
    public List<String> tables(PortBinding port) {
        List<String> out = new ArrayList<>();
        for (TableSpec spec : TableSpecs.of(port, context.baseDirectory())) {
            if (java.nio.file.Files.isDirectory(spec.dir())) out.add(spec.target());
        }
        return out;
    }

    /** Deletes the table's folder: its data, its Delta log and its grants file. */
    @Override
    public void dropTable(PortBinding port, String table) {
        timed("drop", () -> {
            TableSpec spec = TableSpecs.of(port, context.baseDirectory()).stream()
                    .filter(t -> t.target().equals(table))
                    .findFirst()
                    .orElseThrow(() -> new MeshException(
                            ErrorCode.INVALID_CONFIGURATION,
                            "Cannot drop local table '"
                                    + table + "': it is not a table of port '"
                                    + port.port().name() + "' v"
                                    + port.contractMajorVersion() + "; nothing was dropped"));
            try {
                if (!java.nio.file.Files.exists(spec.dir())) return null;
                try (var walk = java.nio.file.Files.walk(spec.dir())) {
                    for (Path p :
                            walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw failure("drop", table, spec.dir(), e);
            }
            return null;
        });
    }

    /** {@code file:///<server path>/<table>}, the table's folder as a URI, whether or not it exists yet. */
    @Override
    public Map<String, String> addresses(PortBinding port) {
        Path root = TableSpecs.root(port, context.baseDirectory());
        int major = port.contractMajorVersion();
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaObject object : port.contract().schema()) {
            String uri = TableSpecs.dir(root, TableSpecs.target(object, major))
                    .toUri()
                    .toString();
            // Path.toUri() ends an existing folder with '/': the address must not depend on that
            out.put(object.storeName(), uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
        }
        return out;
    }

    @Override
    public void close() {
        // The kernel engine holds no connections or threads that need closing.
    }

    private <T> T timed(String op, Supplier<T> body) {
        try (Timer.Context ignored =
                context.metrics().timer("mesh.storage.local." + op).time()) {
            return body.get();
        }
    }

    private static MeshException failure(String verb, String target, Path dir, Exception e) {
        if (e instanceof MeshException m) return m;
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot " + verb + " local table '" + target + "' at " + dir + ": "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                cause);
    }
}
