package dev.meshsdk.testkit;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference storage adapter: tables held in memory, planned and applied as a real adapter does, small enough to
 * read as an example of {@link StorageAdapter}. A port's home is its server's {@code path}; a schema object is a
 * table {@code <object>} there, {@code <object>_v<major>} from major version 2 on. It plans creates, added optional
 * columns and grants, and refuses every other change with a hint; it does not erase (the interface's default says
 * so). It is no store: nothing outlives the factory.
 */
final class InMemoryStorageAdapter implements StorageAdapter {
    /** The factory of server type {@code memory}; the adapters it creates share its tables. */
    static final class Factory implements StorageAdapterFactory {
        /** Tables by {@code <home>/<table>}. */
        final Map<String, Table> tables = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public Set<String> serverTypes() {
            return Set.of("memory");
        }

        @Override
        public StorageAdapter create(AdapterContext context) {
            return new InMemoryStorageAdapter(tables);
        }

        /** Removes every table of the port's home, as a person would by hand. */
        void removeHome(PortBinding port) {
            tables.keySet().removeIf(key -> key.startsWith(home(port) + "/"));
        }
    }

    /** One table: its columns by name and the grants on it. */
    record Table(Map<String, Column> columns, Set<AccessGrant> grants) {
        @Override
        public String toString() {
            return columns.values() + " grants "
                    + grants.stream()
                            .map(g -> g.principal() + ":" + g.privilege())
                            .sorted()
                            .toList();
        }
    }

    private final Map<String, Table> tables;

    private InMemoryStorageAdapter(Map<String, Table> tables) {
        this.tables = tables;
    }

    @Override
    public PortState inspect(PortBinding port) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (SchemaObject o : port.contract().schema()) {
            Table t = tables.get(key(port, tableName(port, o)));
            if (t != null) facts.put(tableName(port, o), t.toString());
        }
        return facts.isEmpty()
                ? PortState.absent()
                : new PortState(true, Integer.toHexString(facts.toString().hashCode()), facts);
    }

    @Override
    public List<Change> plan(PortBinding port, PortState actual) {
        if (!inspect(port).fingerprint().equals(actual.fingerprint())) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot plan port '" + port.port().name()
                            + "': its tables changed since they were inspected; inspect and plan again");
        }
        List<Change> out = new ArrayList<>();
        String hint = "publish a new major version of the contract: its tables are created beside these";
        for (SchemaObject o : port.contract().schema()) {
            String name = tableName(port, o);
            Table t = tables.get(key(port, name));
            if (t == null) {
                out.add(new Change.CreateTable(
                        name,
                        o.properties().stream()
                                .map(InMemoryStorageAdapter::column)
                                .toList(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        o.description()));
                port.access().forEach(g -> out.add(new Change.Grant(name, g.principal(), g.privilege())));
                continue;
            }
            Set<String> wanted = new LinkedHashSet<>();
            for (SchemaProperty p : o.properties()) {
                Column want = column(p);
                Column have = t.columns().get(want.name());
                wanted.add(want.name());
                if (have == null && want.nullable()) {
                    out.add(new Change.AddColumn(name, want));
                } else if (have == null) {
                    out.add(new Change.Refused(name, "new column '" + want.name() + "' is required", hint));
                } else if (!have.type().equals(want.type()) || have.nullable() != want.nullable()) {
                    out.add(new Change.Refused(
                            name,
                            "column '" + want.name() + "' changes from " + have.type() + " to " + want.type(),
                            hint));
                }
            }
            for (String have : t.columns().keySet()) {
                if (!wanted.contains(have)) {
                    out.add(new Change.Refused(name, "column '" + have + "' is not in the contract", hint));
                }
            }
            for (AccessGrant g : port.access()) {
                if (!t.grants().contains(g)) out.add(new Change.Grant(name, g.principal(), g.privilege()));
            }
            for (AccessGrant g : t.grants()) {
                if (!port.access().contains(g)) out.add(new Change.Revoke(name, g.principal(), g.privilege()));
            }
        }
        return out;
    }

    @Override
    public void apply(PortBinding port, Change change) {
        String key = key(port, change.target());
        if (change instanceof Change.CreateTable c) {
            Map<String, Column> columns = new LinkedHashMap<>();
            c.columns().forEach(col -> columns.put(col.name(), col));
            tables.putIfAbsent(key, new Table(columns, ConcurrentHashMap.newKeySet()));
            return;
        }
        if (change instanceof Change.Refused r) {
            throw new MeshException(ErrorCode.PLAN_REFUSED, "Cannot apply a refused change: " + r.summary());
        }
        Table t = tables.get(key);
        if (t == null) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot " + change.summary() + ": table " + change.target() + " is gone; plan again");
        }
        if (change instanceof Change.AddColumn a) {
            t.columns().putIfAbsent(a.column().name(), a.column());
        } else if (change instanceof Change.Grant g) {
            t.grants().add(new AccessGrant(g.principal(), g.privilege()));
        } else if (change instanceof Change.Revoke r) {
            t.grants().remove(new AccessGrant(r.principal(), r.privilege()));
        } else {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot " + change.summary() + ": the memory storage" + " adapter does not plan such changes");
        }
    }

    @Override
    public void close() {
        // Nothing is held.
    }

    private static String tableName(PortBinding port, SchemaObject o) {
        int major = port.contractMajorVersion();
        return o.storeName() + (major >= 2 ? "_v" + major : "");
    }

    private static String home(PortBinding port) {
        return port.server()
                .setting("path")
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot use server '" + port.server().server() + "': a memory server needs a path; add one"));
    }

    private static String key(PortBinding port, String table) {
        return home(port) + "/" + table;
    }

    private static Column column(SchemaProperty p) {
        String type = p.physicalType() != null ? p.physicalType() : p.logicalType();
        return new Column(p.storeName(), type, p.logicalType(), !p.required(), p.description(), p.classification());
    }
}
