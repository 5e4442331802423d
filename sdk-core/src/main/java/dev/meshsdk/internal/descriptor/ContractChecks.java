package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The checks one contract needs on its own: versions, duplicate names, identifiers, quality, adapters. */
final class ContractChecks {
    private final Set<String> adapterServerTypes;
    private final Set<String> odcsServerTypes;

    ContractChecks(Set<String> adapterServerTypes, Set<String> odcsServerTypes) {
        this.adapterServerTypes = adapterServerTypes;
        this.odcsServerTypes = odcsServerTypes;
    }

    /**
     * @param readable whether the schema of the contract's own version accepts it; when not, its errors come
     *                 first and the advice to move to the newer form is left out (it could contradict them)
     */
    void check(DataContract c, Path file, Problems problems, boolean readable) {
        IdChecks.check(c.id(), "contract", file, problems);
        if (c.version() != null && !Semver.valid(c.version())) {
            problems.error(
                    "MESH-SEMVER",
                    file,
                    "/version",
                    "Cannot read contract " + Quoted.of(c.id()) + ": version " + Quoted.of(c.version())
                            + " is not a semantic version",
                    "write MAJOR.MINOR.PATCH, e.g. '1.0.0'");
        }
        Map<String, Integer> objects = new HashMap<>();
        for (int i = 0; i < c.schema().size(); i++) {
            SchemaObject o = c.schema().get(i);
            String p = Pointers.child("/schema", i);
            unique(objects, o.name(), i, "schema object", () -> "contract " + Quoted.of(c.id()), p, file, problems);
            properties(
                    o.properties(),
                    Pointers.child(p, "properties"),
                    () -> "schema object " + Quoted.of(o.name()),
                    file,
                    problems,
                    readable);
            rules(o.quality(), Pointers.child(p, "quality"), file, problems, readable);
        }
        servers(c.servers(), file, problems);
        SlaChecks.check(c, file, problems);
        IdentifierChecks.check(c, file, problems);
        RoleChecks.check(c, file, problems);
    }

    /** {@code owner} words what holds the properties, only when a problem is reported (most checks find none). */
    private void properties(
            List<SchemaProperty> props,
            String pointer,
            Supplier<String> owner,
            Path file,
            Problems problems,
            boolean readable) {
        Map<String, Integer> names = new HashMap<>();
        for (int j = 0; j < props.size(); j++) {
            SchemaProperty prop = props.get(j);
            String p = Pointers.child(pointer, j);
            unique(names, prop.name(), j, "property", owner, p, file, problems);
            SubjectKeyChecks.check(prop, p, file, problems);
            rules(prop.quality(), Pointers.child(p, "quality"), file, problems, readable);
            properties(
                    prop.properties(),
                    Pointers.child(p, "properties"),
                    () -> "property " + Quoted.of(prop.name()),
                    file,
                    problems,
                    readable);
        }
    }

    private static void unique(
            Map<String, Integer> seen,
            String name,
            int index,
            String what,
            Supplier<String> owner,
            String pointer,
            Path file,
            Problems problems) {
        if (name == null) return;
        Integer first = seen.putIfAbsent(name, index);
        if (first != null) {
            problems.error(
                    "MESH-DUP",
                    file,
                    Pointers.child(pointer, "name"),
                    "Cannot read " + owner.get() + ": " + what + " name " + Quoted.of(name)
                            + " is used twice (also at index " + first + ")",
                    "give each " + what + " its own name");
        }
    }

    private static void rules(List<QualityRule> rules, String pointer, Path file, Problems problems, boolean readable) {
        for (int k = 0; k < rules.size(); k++)
            QualityChecks.check(rules.get(k), file, Pointers.child(pointer, k), problems, readable);
    }

    /** The SDK's own storage adapter modules, by the server type they serve. */
    private static final Map<String, String> SDK_ADAPTERS = Map.of(
            "s3", "dev.meshsdk:mesh-storage-s3",
            "postgres", "dev.meshsdk:mesh-storage-postgres",
            "postgresql", "dev.meshsdk:mesh-storage-postgres",
            "redshift", "dev.meshsdk:mesh-storage-redshift");

    private void servers(List<Server> servers, Path file, Problems problems) {
        for (int i = 0; i < servers.size(); i++) {
            Server s = servers.get(i);
            // types outside the ODCS enum are reported by the schema, with a suggestion
            if (s.type() == null || adapterServerTypes.contains(s.type()) || !odcsServerTypes.contains(s.type()))
                continue;
            String loaded = adapterServerTypes.isEmpty()
                    ? "none"
                    : String.join(", ", adapterServerTypes.stream().sorted().toList());
            problems.warning(
                    "MESH-ADAPTER",
                    file,
                    Pointers.child(Pointers.child("/servers", i), "type"),
                    "Server " + Quoted.of(s.server()) + " has type '" + s.type() + "', for which no storage adapter is"
                            + " loaded (loaded adapters: " + loaded + ")",
                    Optional.ofNullable(SDK_ADAPTERS.get(s.type()))
                                    .map(module -> "add " + module + " to the plugin's <dependencies>")
                                    .orElse("add the plugin of a '" + s.type() + "' storage adapter")
                            + " before deploying to it, or deploy this server elsewhere");
        }
    }
}
