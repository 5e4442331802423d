package dev.meshsdk.storage.s3;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.plan.Change;
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
import dev.meshsdk.spi.storage.SupportsDropTable;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import dev.meshsdk.storage.delta.DeltaColumns;
import dev.meshsdk.storage.delta.DeltaTableSpecs;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code s3} storage adapter ("bring your own bucket"): each schema object of a port's contract is a
 * Delta Lake table (or a Parquet prefix) under the server's {@code location} in the owning team's own
 * bucket. See the module README for what it does to the bucket.
 */
final class S3StorageAdapter implements StorageAdapter, PortAddresses, SupportsDropTable, SupportsPortCheck {
    private final AdapterContext context;
    private final Supplier<Optional<DeltaEraser>> erasers;
    private final Map<String, S3Connection> connections = new HashMap<>();
    private final Map<S3Connection, DeltaLog> logs = new java.util.IdentityHashMap<>();
    private final BucketPolicy policy;
    private final boolean governance;
    private final Counter writes;

    S3StorageAdapter(AdapterContext context, Supplier<Optional<DeltaEraser>> erasers) {
        this.context = context;
        this.erasers = erasers;
        this.policy =
                new BucketPolicy(context.setting("mesh.s3.principalArnTemplate").orElse(null));
        this.governance =
                Boolean.parseBoolean(context.setting("mesh.s3.bucketGovernance").orElse("true"));
        this.writes = context.metrics().counter("mesh.storage.s3.writes");
    }

    // ---- inspect ---------------------------------------------------------------------------------------------

    @Override
    public List<PortProblems.Problem> check(PortBinding port) {
        return TableSpecs.problems(port);
    }

    @Override
    public PortState inspect(PortBinding port) {
        return timed("inspect", () -> {
            List<TableSpec> specs = TableSpecs.of(port);
            S3Location root = TableSpecs.root(port);
            S3Connection conn = connection(port);
            Bucket bucket = bucket(conn, root);
            try {
                checkTeamBucket(port, root);
                bucket.check(
                        port.port().name(),
                        conn.describe(),
                        port.server()
                                .customProperty("bucketOwner")
                                .map(String::valueOf)
                                .orElse(null));
                Map<String, String> meshTags = new TreeMap<>();
                Optional<Map<String, String>> owner = Optional.empty();
                Map<String, String> rules = Map.of();
                Map<String, List<AccessGrant>> grants = new LinkedHashMap<>();
                if (governance) {
                    bucket.tags().forEach((k, v) -> {
                        if (k.startsWith(Bucket.TAG_PREFIX)) meshTags.put(k, v);
                    });
                    checkOwnership(port, root, meshTags, owner = bucket.ownerTags(root.prefix()));
                    rules = bucket.ownedRules(root.prefix());
                    JsonNode found = readPolicy(conn, root.bucket());
                    for (TableSpec spec : specs) {
                        List<AccessGrant> g = policy.grants(found, spec.location());
                        if (!g.isEmpty()) grants.put(spec.target(), g);
                    }
                }
                Map<String, TableState> tables = new LinkedHashMap<>();
                for (TableSpec spec : specs) tables.put(spec.target(), read(conn, spec));
                return new PortFacts(tables, grants, meshTags, owner, rules).encode();
            } catch (MeshException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure("inspect", root.toString(), conn, e);
            }
        });
    }

    private TableState read(S3Connection conn, TableSpec spec) {
        if (spec.delta()) {
            return log(conn)
                    .snapshot(spec.location())
                    .map(s -> DeltaLog.state(spec.target(), s))
                    .orElse(TableState.absent(spec.target()));
        }
        return ParquetManifest.read(conn.client(), spec);
    }

    private void checkTeamBucket(PortBinding port, S3Location root) {
        String team = DeltaTableSpecs.team(port);
        if (team == null) return;
        Optional<String> allowed = context.setting("mesh.s3.teams." + team + ".buckets");
        if (allowed.isEmpty()) return;
        List<String> buckets =
                Arrays.stream(allowed.get().split(",")).map(String::trim).toList();
        if (!buckets.contains(root.bucket())) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot deploy output port '" + port.port().name()
                            + "' to " + root + ": the location is outside team '" + team + "''s buckets " + buckets
                            + " (mesh.s3.teams." + team + ".buckets); put it in one of them");
        }
    }

    private static void checkOwnership(
            PortBinding port, S3Location root, Map<String, String> tags, Optional<Map<String, String>> owner) {
        String team = DeltaTableSpecs.team(port);
        String bucketTeam = tags.get(Bucket.TAG_PREFIX + "team");
        if (team != null && bucketTeam != null && !bucketTeam.equals(S3Planner.tagText(team))) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot deploy output port '" + port.port().name()
                            + "' to bucket '" + root.bucket() + "': the bucket belongs to team '" + bucketTeam
                            + "' (tag"
                            + " mesh:team), not to '" + team + "'; use your team's own bucket");
        }
        if (owner.isPresent()) {
            String product = owner.get().get("mesh:product");
            String portName = owner.get().get("mesh:port");
            if (product != null
                    && (!product.equals(S3Planner.tagText(port.product().id()))
                            || (portName != null
                                    && !portName.equals(
                                            S3Planner.tagText(port.port().name()))))) {
                throw new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot deploy output port '"
                                + port.port().name() + "' to " + root + ": the prefix belongs to port '" + portName
                                + "' of product '" + product + "' (" + root + "/" + Bucket.OWNER_MARKER + "); give the"
                                + " port a location of its own");
            }
        }
    }

    private JsonNode readPolicy(S3Connection conn, String bucket) {
        try {
            return policy.parse(
                    conn.client().getBucketPolicy(b -> b.bucket(bucket)).policy());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return null;
            throw e;
        }
    }

    // ---- plan ------------------------------------------------------------------------------------------------

    @Override
    public List<Change> plan(PortBinding port, PortState actual) {
        return timed(
                "plan", () -> S3Planner.plan(port, TableSpecs.of(port), PortFacts.decode(actual), governance, policy));
    }

    // ---- apply -----------------------------------------------------------------------------------------------

    @Override
    public void apply(PortBinding port, Change change) {
        timed("apply", () -> {
            S3Location root = TableSpecs.root(port);
            S3Connection conn = connection(port);
            try {
                if (change instanceof Change.Refused r) {
                    throw new MeshException(
                            ErrorCode.PLAN_REFUSED,
                            "Cannot apply a refused change to '" + r.target() + "': " + r.reason()
                                    + (r.hint() == null ? "" : "; " + r.hint()));
                }
                if (change.target().startsWith("s3://")) {
                    applyBucket(port, root, conn, (Change.SetProperties) change);
                    return null;
                }
                TableSpec spec = spec(port, change.target());
                if (change instanceof Change.Grant g) {
                    reconcilePolicy(conn, spec.location(), new AccessGrant(g.principal(), g.privilege()), true);
                } else if (change instanceof Change.Revoke r) {
                    reconcilePolicy(conn, spec.location(), new AccessGrant(r.principal(), r.privilege()), false);
                } else if (spec.delta()) {
                    applyDelta(conn, spec, change);
                } else {
                    ParquetManifest.apply(conn.client(), spec, change, writes::inc);
                }
            } catch (MeshException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure("apply '" + change.summary() + "' to", root.toString(), conn, e);
            }
            return null;
        });
    }

    // ---- drop (a retired major version) ----------------------------------------------------------------------

    @Override
    public List<String> tables(PortBinding port) {
        return timed("inspect", () -> {
            S3Connection conn = connection(port);
            List<String> out = new ArrayList<>();
            for (TableSpec spec : TableSpecs.of(port)) {
                if (read(conn, spec).exists()) out.add(spec.target());
            }
            return out;
        });
    }

    /** Takes the SDK's grants on the table out of the bucket policy, then deletes the table's objects. */
    @Override
    public void dropTable(PortBinding port, String table) {
        timed("drop", () -> {
            TableSpec spec = TableSpecs.of(port).stream()
                    .filter(t -> t.target().equals(table))
                    .findFirst()
                    .orElseThrow(() -> new MeshException(
                            ErrorCode.INVALID_CONFIGURATION,
                            "Cannot drop table '" + table
                                    + "': it is not a table of port '"
                                    + port.port().name() + "' v"
                                    + port.contractMajorVersion() + "; nothing was dropped"));
            S3Connection conn = connection(port);
            try {
                if (governance) {
                    for (AccessGrant g :
                            policy.grants(readPolicy(conn, spec.location().bucket()), spec.location())) {
                        reconcilePolicy(conn, spec.location(), g, false);
                    }
                }
                TableDrops.delete(conn.client(), spec.location(), writes::inc);
            } catch (MeshException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure("drop table " + table + " at", spec.location().toString(), conn, e);
            }
            return null;
        });
    }

    private TableSpec spec(PortBinding port, String target) {
        for (TableSpec s : TableSpecs.of(port)) {
            if (s.target().equals(target)) return s;
        }
        throw new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot apply a change to '" + target + "': the contract of port '"
                        + port.port().name() + "' no longer has that table; plan again");
    }

    private void applyBucket(PortBinding port, S3Location root, S3Connection conn, Change.SetProperties c) {
        Bucket bucket = bucket(conn, root);
        if (c.target().equals("s3://" + root.bucket())) {
            Map<String, String> tags = new TreeMap<>();
            Map<String, String> rules = new TreeMap<>();
            c.properties().forEach((k, v) -> {
                if (k.startsWith(S3Planner.TAG)) tags.put(k.substring(S3Planner.TAG.length()), v);
                else if (k.startsWith(S3Planner.LIFECYCLE))
                    rules.put(owned(root, k.substring(S3Planner.LIFECYCLE.length())), v);
            });
            List<String> unsetTags = new ArrayList<>();
            List<String> unsetRules = new ArrayList<>();
            for (String k : c.removed()) {
                if (k.startsWith(S3Planner.TAG)) unsetTags.add(k.substring(S3Planner.TAG.length()));
                else if (k.startsWith(S3Planner.LIFECYCLE))
                    unsetRules.add(owned(root, k.substring(S3Planner.LIFECYCLE.length())));
            }
            for (String k : tags.keySet()) {
                if (!k.startsWith(Bucket.TAG_PREFIX)) throw foreignKey(c, k);
            }
            if (!tags.isEmpty() || !unsetTags.isEmpty()) bucket.mergeTags(tags, unsetTags);
            if (!rules.isEmpty() || !unsetRules.isEmpty()) bucket.mergeRules(rules, unsetRules);
        } else if (c.target().equals(root.toString())) {
            Map<String, String> tags = new TreeMap<>();
            c.properties().forEach((k, v) -> tags.put(k.substring(S3Planner.TAG.length()), v));
            bucket.putOwner(root.prefix(), tags);
        } else {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot apply '" + c.summary() + "': port '" + port.port().name() + "' now lives at " + root
                            + "; plan again");
        }
    }

    /** A lifecycle prefix from a plan, checked to lie under the port's location (a saved plan is input too). */
    private static String owned(S3Location root, String prefix) {
        if (!root.contains(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                || prefix.contains("..")) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot set a lifecycle rule on '" + prefix + "': it is outside the port's location " + root
                            + "; plan again");
        }
        return prefix;
    }

    private static MeshException foreignKey(Change c, String key) {
        return new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot apply '" + c.summary() + "': tag '" + key + "' is not one the SDK owns (mesh:*); plan again");
    }

    private void reconcilePolicy(S3Connection conn, S3Location table, AccessGrant grant, boolean add) {
        String bucket = table.bucket();
        JsonNode current = readPolicy(conn, bucket);
        JsonNode next = add ? policy.withGrant(current, table, grant) : policy.without(current, table, grant);
        JsonNode before = current == null ? policy.without(null, table, grant) : current;
        if (next.equals(before)) return;
        writes.inc();
        if (BucketPolicy.hasStatements(next)) {
            conn.client().putBucketPolicy(b -> b.bucket(bucket).policy(policy.write(next)));
        } else {
            conn.client().deleteBucketPolicy(b -> b.bucket(bucket));
        }
    }

    private void applyDelta(S3Connection conn, TableSpec spec, Change change) {
        DeltaLog log = log(conn);
        Optional<Snapshot> snapshot = log.snapshot(spec.location());
        if (change instanceof Change.CreateTable c) {
            if (snapshot.isPresent()) return;
            writes.inc();
            log.create(spec.location(), c.columns(), c.partitionBy(), c.properties(), c.comment());
            return;
        }
        Snapshot s = snapshot.orElseThrow(() -> new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot " + change.summary() + ": there is no Delta table at " + spec.location()
                        + " any more; plan again"));
        String operation = change instanceof Change.AddColumn
                ? "ADD COLUMNS"
                : change instanceof Change.DropColumn
                        ? "DROP COLUMNS"
                        : change instanceof Change.AlterColumn ? "CHANGE COLUMN" : null;
        if (operation != null) {
            Optional<StructType> schema =
                    DeltaColumns.apply(s.getSchema(), s.getTableProperties(), s.getPartitionColumnNames(), change);
            if (schema.isEmpty()) return;
            writes.inc();
            log.update(spec.location(), s, schema.get(), Map.of(), Set.of(), operation);
        } else if (change instanceof Change.SetProperties c) {
            Map<String, String> current = s.getTableProperties();
            Map<String, String> set = new HashMap<>();
            c.properties().forEach((k, v) -> {
                if (!TableSpecs.managed(k))
                    throw new MeshException(
                            ErrorCode.STALE_PLAN,
                            "Cannot " + c.summary() + ": property '" + k + "' is not one the SDK manages; plan again");
                if (k.startsWith(TableSpecs.CONSTRAINT) && !v.equals(current.get(k))) {
                    throw new MeshException(
                            ErrorCode.PLAN_REFUSED,
                            "Cannot " + c.summary() + ": CHECK constraints"
                                    + " are added only when a table is created; add '" + k + "' with Spark");
                }
                if (!v.equals(current.get(k))) set.put(k, v);
            });
            Set<String> unset = new TreeSet<>();
            for (String k : c.removed()) {
                if (TableSpecs.managed(k) && current.containsKey(k)) unset.add(k);
            }
            if (set.isEmpty() && unset.isEmpty()) return;
            writes.inc();
            log.update(spec.location(), s, null, set, unset, "SET TBLPROPERTIES");
        }
    }

    // ---- erase -----------------------------------------------------------------------------------------------

    @Override
    public ErasureResult erase(PortBinding port, ErasureRequest request) {
        return timed("erase", () -> {
            S3Connection conn = connection(port);
            try {
                return SubjectErasure.erase(port, request, conn, log(conn), erasers, writes::inc, context.clock());
            } catch (MeshException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure("erase a data subject from", TableSpecs.root(port).toString(), conn, e);
            }
        });
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private synchronized S3Connection connection(PortBinding port) {
        var s = port.server();
        String key = s.server() + "|" + s.setting("endpointUrl").orElse("") + "|"
                + s.setting("region").orElse("") + "|"
                + s.customProperty("credentialsId").orElse("") + "|"
                + s.customProperty("profile").orElse("");
        return connections.computeIfAbsent(key, k -> S3Connection.open(context, s));
    }

    /** The Delta log access of a connection: one Kernel engine per endpoint and credentials. */
    private synchronized DeltaLog log(S3Connection conn) {
        return logs.computeIfAbsent(conn, DeltaLog::new);
    }

    private Bucket bucket(S3Connection conn, S3Location root) {
        return new Bucket(conn.client(), root.bucket(), writes::inc);
    }

    /** {@code s3://bucket/prefix/<table>}: the server's location and the table's prefix; no endpoint, no key. */
    @Override
    public Map<String, String> addresses(PortBinding port) {
        S3Location root = TableSpecs.root(port);
        int major = port.contractMajorVersion();
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaObject object : port.contract().schema()) {
            out.put(
                    object.storeName(),
                    root.resolve(TableSpecs.target(object, major)).toString());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(S3Connection::close);
        connections.clear();
        logs.clear();
    }

    private <T> T timed(String op, Supplier<T> body) {
        try (Timer.Context ignored =
                context.metrics().timer("mesh.storage.s3." + op).time()) {
            return body.get();
        }
    }

    private static MeshException failure(String verb, String where, S3Connection conn, RuntimeException e) {
        String detail = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.statusCode() + " " + s3.awsErrorDetails().errorCode()
                : e.getMessage();
        return new MeshException(
                ErrorCode.STORAGE_FAILURE, "Cannot " + verb + " " + where + " (" + conn.describe() + "): " + detail, e);
    }
}
