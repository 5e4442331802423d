package dev.meshsdk.storage.s3;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.storage.delta.DeltaColumns;
import dev.meshsdk.storage.delta.DeltaTableSpecs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what a port's contract wants with what inspect found and lists the changes, without side effects.
 * The rules are the JDBC stores': a new nullable column, a widening, a relaxed NOT NULL, a new comment, a
 * dropped CHECK constraint and managed property changes are planned in place; a removed or narrowed column,
 * a new NOT NULL, a new or changed CHECK constraint (rows already there were never checked) or other
 * partition columns are {@link Change.Refused} with a hint to publish the next major version, which is
 * provisioned beside the table as {@code <table>_v<major>}. A table changed by hand shows up the same way.
 *
 * <p>Bucket-level changes are {@link Change.SetProperties} on target {@code s3://<bucket>} (keys
 * {@code tag:<key>} for bucket tags, {@code lifecycle:<prefix>} for expiration rules in days) and on
 * target {@code s3://<bucket>/<location>} (keys {@code tag:<key>} of the owner marker).
 */
final class S3Planner {
    static final String TAG = "tag:";
    static final String LIFECYCLE = "lifecycle:";
    static final List<String> EXPIRING = List.of("_raw", "_staging");

    private S3Planner() {}

    static List<Change> plan(
            PortBinding port, List<TableSpec> specs, PortFacts found, boolean governance, BucketPolicy policy) {
        List<Change> changes = new ArrayList<>();
        S3Location root = TableSpecs.root(port);
        if (governance) {
            planBucket(port, root, found, changes);
        }
        for (TableSpec spec : specs) {
            TableState table = found.table(spec.target());
            String hint = hint(port, spec.target());
            if (!table.exists()) {
                changes.add(new Change.CreateTable(
                        spec.target(),
                        spec.columns(),
                        List.of(),
                        spec.partitionBy(),
                        spec.properties(),
                        spec.comment()));
            } else {
                planColumns(spec, table, hint, changes);
                if (!spec.partitionBy().equals(table.partitionColumns())) {
                    changes.add(new Change.Refused(
                            spec.target(),
                            "partition columns " + table.partitionColumns() + " would become " + spec.partitionBy()
                                    + ", which rewrites the table",
                            hint));
                }
                planProperties(spec, table, hint, changes);
            }
            planAccess(port, spec, found.grantsOn(spec.target()), governance, policy, changes);
        }
        return List.copyOf(changes);
    }

    private static void planBucket(PortBinding port, S3Location root, PortFacts found, List<Change> changes) {
        String bucket = "s3://" + root.bucket();
        Map<String, String> wanted = ownerTags(port);
        Map<String, String> tags = new TreeMap<>();
        tags.put(Bucket.TAG_PREFIX + "domain", wanted.get("mesh:domain"));
        tags.put(Bucket.TAG_PREFIX + "team", wanted.get("mesh:team"));
        tags.put(Bucket.TAG_PREFIX + "product:" + tagText(port.product().id()), "true");
        tags.values().removeIf(Objects::isNull);
        Map<String, String> setTags = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (!v.equals(found.bucketTags().get(k))) setTags.put(TAG + k, v);
        });
        if (!setTags.isEmpty()) changes.add(new Change.SetProperties(bucket, setTags, List.of()));

        if (!found.ownerTags().map(wanted::equals).orElse(false)) {
            Map<String, String> owner = new TreeMap<>();
            wanted.forEach((k, v) -> owner.put(TAG + k, v));
            changes.add(new Change.SetProperties(root.toString(), owner, List.of()));
        }

        Map<String, String> rules = new TreeMap<>();
        TableSpecs.retentionDays(port.contract()).ifPresent(days -> {
            for (String p : EXPIRING) rules.put(prefix(root, p), String.valueOf(days));
        });
        Map<String, String> setRules = new TreeMap<>();
        rules.forEach((k, v) -> {
            if (!v.equals(found.rules().get(k))) setRules.put(LIFECYCLE + k, v);
        });
        List<String> removed = new ArrayList<>();
        for (String k : found.rules().keySet()) {
            if (!rules.containsKey(k)) removed.add(LIFECYCLE + k);
        }
        if (!setRules.isEmpty() || !removed.isEmpty()) {
            changes.add(new Change.SetProperties(bucket, setRules, removed));
        }
    }

    static String prefix(S3Location root, String name) {
        return (root.prefix().isEmpty() ? "" : root.prefix() + "/") + name + "/";
    }

    /** The tags of the port's owner marker: domain, team, product, port. */
    static Map<String, String> ownerTags(PortBinding port) {
        Map<String, String> t = new TreeMap<>();
        String domain = DeltaTableSpecs.domain(port);
        String team = DeltaTableSpecs.team(port);
        if (domain != null) t.put("mesh:domain", tagText(domain));
        if (team != null) t.put("mesh:team", tagText(team));
        t.put("mesh:product", tagText(port.product().id()));
        t.put("mesh:port", tagText(port.port().name()));
        return t;
    }

    /** Text as S3 tags allow it: letters, digits, spaces and {@code + - = . _ : / @}, at most 128 characters. */
    static String tagText(String s) {
        String t = s.replaceAll("[^\\p{L}\\p{N} +\\-=._:/@]", "_");
        return t.length() > 128 ? t.substring(0, 128) : t;
    }

    private static void planColumns(TableSpec want, TableState found, String hint, List<Change> changes) {
        changes.addAll(DeltaColumns.plan(
                want.target(),
                found.columns(),
                want.columns(),
                hint,
                c -> want.delta()
                        ? DeltaColumns.cannotDrop(found.properties(), found.partitionColumns(), c)
                        : "a Parquet port's files keep every column they were written with: rewrite them without it"));
    }

    private static void planProperties(TableSpec want, TableState found, String hint, List<Change> changes) {
        Map<String, String> set = new TreeMap<>();
        for (Map.Entry<String, String> e : want.properties().entrySet()) {
            String have = found.properties().get(e.getKey());
            if (e.getValue().equals(have)) continue;
            if (e.getKey().startsWith(TableSpecs.CONSTRAINT)) {
                String name = e.getKey().substring(TableSpecs.CONSTRAINT.length());
                changes.add(new Change.Refused(
                        want.target(),
                        (have == null ? "new" : "changed") + " CHECK constraint '"
                                + name + "' (" + e.getValue()
                                + ") cannot be verified against the rows already in the table"
                                + " without Spark",
                        "add it with Spark (ALTER TABLE ... ADD CONSTRAINT), or " + hint));
                continue;
            }
            set.put(e.getKey(), e.getValue());
        }
        List<String> removed = new ArrayList<>();
        for (String k : new TreeSet<>(found.properties().keySet())) {
            if (TableSpecs.managed(k) && !want.properties().containsKey(k)) removed.add(k);
        }
        if (!set.isEmpty() || !removed.isEmpty()) changes.add(new Change.SetProperties(want.target(), set, removed));
    }

    private static void planAccess(
            PortBinding port,
            TableSpec spec,
            List<AccessGrant> found,
            boolean governance,
            BucketPolicy policy,
            List<Change> changes) {
        Set<AccessGrant> wanted = new LinkedHashSet<>();
        for (AccessGrant g : port.access()) {
            String privilege = g.privilege().toLowerCase(Locale.ROOT);
            if (!privilege.equals("read") && !privilege.equals("write")) {
                changes.add(new Change.Refused(
                        spec.target(),
                        "privilege '" + g.privilege() + "' for '" + g.principal() + "' is not read or write",
                        "use access: read or access: write in the role"));
                continue;
            }
            policy.arn(g.principal());
            wanted.add(new AccessGrant(g.principal(), privilege));
        }
        if (!governance) {
            if (!wanted.isEmpty()) {
                changes.add(new Change.Refused(
                        spec.target(),
                        "the contract grants access to "
                                + wanted.stream().map(AccessGrant::principal).toList() + " but bucket governance is off"
                                + " (mesh.s3.bucketGovernance=false), so no bucket policy would enforce it",
                        "turn mesh.s3.bucketGovernance on for a store with bucket policies"));
            }
            return;
        }
        for (AccessGrant g : wanted) {
            if (!found.contains(g)) changes.add(new Change.Grant(spec.target(), g.principal(), g.privilege()));
        }
        for (AccessGrant g : found) {
            if (!wanted.contains(g)) changes.add(new Change.Revoke(spec.target(), g.principal(), g.privilege()));
        }
    }

    private static String hint(PortBinding port, String target) {
        int next = Math.max(2, port.contractMajorVersion() + 1);
        String base = target.replaceFirst("_v\\d+$", "");
        return "publish the contract as version " + next + ".0.0 to provision " + base + "_v" + next
                + " beside the current table";
    }
}
