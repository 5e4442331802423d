package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.UpgradeChange;
import dev.meshsdk.diag.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The edits that move one parsed document to the newest version of its standard, found by comparing the
 * official schemas: what an older document may hold that the newest one no longer accepts in that form.
 *
 * <p>Both standards: {@code apiVersion}; {@code team} written as a list of members (ODPS v0.9.0, ODCS v3.0.x)
 * becomes the team object with the list under {@code members}; for a product, the team's {@code name}, which v0.9.0
 * has no field for, is reported as needing a human. ODCS v3.0.x to v3.1.0 only: a quality rule's
 * {@code rule} (required in v3.0.x, deprecated in v3.1.0, which requires {@code metric}) becomes its
 * {@code metric}; {@code logicalTypeOptions.exclusiveMaximum}/{@code exclusiveMinimum}, booleans in v3.0.x,
 * become the bound itself; an Athena server's {@code staging_dir} (v3.0.0) becomes {@code stagingDir}.
 * What has no mechanical equivalent (a rule name with no metric, an exclusive flag without its bound, the
 * deprecated {@code slaDefaultElement}) is reported as needing a human; anything else the newest schema refuses
 * (keys it does not know, a member without {@code username}) shows when the upgraded text is validated.
 */
final class DocumentUpgrade {
    private final ParsedDocument doc;
    private final YamlTextEdits edits;
    private final String kind;
    private final String from;
    private final String to;
    private final List<UpgradeChange> changes = new ArrayList<>();
    private final Map<String, String> moved = new LinkedHashMap<>();

    DocumentUpgrade(ParsedDocument doc, YamlTextEdits edits, String kind, String from, String to) {
        this.doc = doc;
        this.edits = edits;
        this.kind = kind;
        this.from = from;
        this.to = to;
    }

    /** Records the edits in the text edits and returns the changes, in line order. */
    List<UpgradeChange> changes() {
        apiVersion();
        team();
        if (kind.equals(SchemaCatalog.CONTRACT)) {
            stagingDir();
            walk(doc.root(), "");
            slaDefaultElement();
        }
        changes.sort(Comparator.comparingInt(UpgradeChange::line).thenComparingInt(UpgradeChange::column));
        return changes;
    }

    /**
     * What the edits of {@link #changes} moved or renamed: the pointer in the upgraded text (such as {@code
     * /team/members}) to the pointer in the file as read it came from ({@code /team}), so that a problem of the
     * upgraded text can be named as the file on disk has it.
     */
    Map<String, String> moved() {
        return Map.copyOf(moved);
    }

    private void apiVersion() {
        Location v = doc.positions().locate(doc.file(), "/apiVersion");
        if (edits.replaceScalar(v.line(), v.column(), to))
            made("/apiVersion", "apiVersion: " + from, "apiVersion: " + to);
        else human("/apiVersion", "apiVersion: " + from, "write 'apiVersion: " + to + "'");
    }

    private void team() {
        JsonNode team = doc.root().get("team");
        if (team == null || !team.isArray()) return;
        Location key = key("/team");
        String list = "team: a list of " + team.size() + " member(s)";
        if (edits.nest(key.line(), key.column(), "members")) {
            made("/team", list, "team.members: that list");
            moved.put("/team/members", "/team");
        } else {
            human("/team", list, "write the list under 'team:' as 'members:'");
        }
        // ODPS v1.0.0 names the owning team (the governance pack requires it); v0.9.0 has no field holding it
        if (kind.equals(SchemaCatalog.PRODUCT))
            human(
                    "/team",
                    "no team name (ODPS " + from + " has no field for it)",
                    "ODPS " + to + " names the owning team in team.name, which the upgrade cannot invent: add"
                            + " 'name: <owning team>' under 'team:'");
    }

    private void stagingDir() {
        JsonNode servers = doc.root().path("servers");
        for (int i = 0; i < servers.size(); i++) {
            JsonNode s = servers.get(i);
            if (!s.has("staging_dir") || s.has("stagingDir")) continue;
            String pointer = "/servers/" + i + "/staging_dir";
            Location key = key(pointer);
            if (edits.renameKey(key.line(), key.column(), "staging_dir", "stagingDir")) {
                made(pointer, "staging_dir", "stagingDir");
                moved.put(Pointers.child(Pointers.parent(pointer), "stagingDir"), pointer);
            } else {
                human(pointer, "staging_dir", "rename it to 'stagingDir'");
            }
        }
    }

    /** Every quality rule and every set of logical type options, wherever the schema nests them. */
    private void walk(JsonNode node, String pointer) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), Pointers.child(pointer, i));
            return;
        }
        if (!node.isObject()) return;
        JsonNode quality = node.get("quality");
        if (quality != null && quality.isArray()) {
            for (int i = 0; i < quality.size(); i++)
                rule(quality.get(i), Pointers.child(Pointers.child(pointer, "quality"), i));
        }
        JsonNode options = node.get("logicalTypeOptions");
        if (options != null && options.isObject()) {
            String at = Pointers.child(pointer, "logicalTypeOptions");
            exclusive(options, at, "exclusiveMaximum", "maximum");
            exclusive(options, at, "exclusiveMinimum", "minimum");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("quality")) walk(e.getValue(), Pointers.child(pointer, e.getKey()));
        }
    }

    /** A v3.0 library rule ({@code rule: nullCheck}) becomes its v3.1 metric ({@code metric: nullValues}). */
    private void rule(JsonNode r, String pointer) {
        if (!r.isObject() || !r.path("rule").isTextual() || r.has("metric")) return;
        if (r.has("type") && !"library".equals(r.path("type").asText())) return;
        String rule = r.get("rule").textValue();
        String metric =
                QualityChecks.ODCS30_RULES.getOrDefault(rule, QualityChecks.METRICS.contains(rule) ? rule : null);
        String at = Pointers.child(pointer, "rule");
        if (metric == null) {
            human(
                    at,
                    "rule: " + rule,
                    "write 'metric:' with one of " + String.join(", ", new TreeSet<>(QualityChecks.METRICS))
                            + ", or make it a sql or custom rule");
            return;
        }
        Location key = key(at);
        Location value = doc.positions().locate(doc.file(), at);
        boolean renamed = edits.renameKey(key.line(), key.column(), "rule", "metric")
                && (metric.equals(rule) || edits.replaceScalar(value.line(), value.column(), metric));
        if (renamed) {
            made(at, "rule: " + rule, "metric: " + metric);
            moved.put(Pointers.child(pointer, "metric"), at);
        } else {
            human(at, "rule: " + rule, "write 'metric: " + metric + "' instead");
        }
    }

    /**
     * v3.0's {@code exclusiveMaximum: true} next to {@code maximum: 10} becomes v3.1's {@code exclusiveMaximum: 10};
     * {@code false} (the default) is dropped.
     */
    private void exclusive(JsonNode options, String pointer, String flag, String bound) {
        JsonNode value = options.get(flag);
        if (value == null || !value.isBoolean()) return;
        String at = Pointers.child(pointer, flag);
        Location flagKey = key(at);
        String was = flag + ": " + value.asBoolean();
        if (!value.asBoolean()) {
            if (edits.deleteKeyLine(flagKey.line(), flagKey.column())) made(at, was, "removed (the default)");
            else human(at, was, "remove it");
            return;
        }
        JsonNode limit = options.get(bound);
        String boundAt = Pointers.child(pointer, bound);
        if (limit == null || !limit.isValueNode()) {
            human(at, was + " without " + bound, "write the bound itself, 'exclusiveMaximum: <value>', or remove it");
            return;
        }
        Location boundValue = doc.positions().locate(doc.file(), boundAt);
        Location boundKey = key(boundAt);
        Location flagValue = doc.positions().locate(doc.file(), at);
        String token = edits.scalarAt(boundValue.line(), boundValue.column());
        if (token != null
                && edits.replaceToken(flagValue.line(), flagValue.column(), token)
                && edits.deleteKeyLine(boundKey.line(), boundKey.column())) {
            made(at, was + ", " + bound + ": " + token, flag + ": " + token);
        } else {
            human(
                    at,
                    was + ", " + bound + ": " + limit.asText(),
                    "write '" + flag + ": " + limit.asText() + "' and remove '" + bound + "'");
        }
    }

    private void slaDefaultElement() {
        JsonNode element = doc.root().get("slaDefaultElement");
        if (element == null) return;
        human(
                "/slaDefaultElement",
                "slaDefaultElement: " + element.asText(),
                "deprecated in ODCS " + to
                        + ": give each slaProperties entry its 'element' and remove it (left as it is)");
    }

    private Location key(String pointer) {
        return doc.positions().locateKey(doc.file(), pointer);
    }

    private void made(String pointer, String was, String now) {
        Location at = key(pointer);
        changes.add(new UpgradeChange(at.line(), at.column(), Pointers.dotted(pointer), was, now, false));
    }

    private void human(String pointer, String was, String todo) {
        Location at = key(pointer);
        changes.add(new UpgradeChange(at.line(), at.column(), Pointers.dotted(pointer), was, todo, true));
    }
}
