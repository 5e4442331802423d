package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Ties contract servers to environments (code {@value #CODE}). While loading, every server must name the
 * environment it serves, or {@code "*"} ({@link Server#EVERY_ENVIRONMENT}) for every environment: a server
 * without one used to serve every environment, so a mistyped environment deployed to whatever store that
 * server named. For the environment being validated, {@link #check} finds the output ports that have no
 * server there.
 */
public final class EnvironmentChecks {
    /** The code of every diagnostic these checks report. */
    public static final String CODE = "MESH-ENV";

    private static final int LISTED = 10;

    private EnvironmentChecks() {}

    /**
     * One error per output port whose contract has no server for {@code environment}, located at the port's
     * {@code contractId} and listing the environments the contract's servers serve (with the closest one
     * when {@code environment} looks like a typo of it). When no contract of the project serves
     * {@code environment}, the setting itself is the likely mistake: the first error says so and lists the
     * environments the project's contracts serve, the others only repeat that none serves it. Ports without a contract in their product, and
     * contracts with a server that names no environment, are left to the load's own diagnostics. No side
     * effects; may run concurrently.
     *
     * @param products    products as loaded and validated
     * @param environment the environment being validated, planned or deployed
     */
    public static List<Diagnostic> check(List<ProductSource> products, String environment) {
        Objects.requireNonNull(environment, "environment");
        TreeSet<String> known = new TreeSet<>();
        for (ProductSource p : products) {
            for (var c : p.contracts()) known.addAll(environments(c.contract()));
        }
        // no contract serves it: most likely a mistyped setting, explained once, at the first port
        boolean servedNowhere = !known.contains(environment) && !known.contains(Server.EVERY_ENVIRONMENT);
        known.remove(Server.EVERY_ENVIRONMENT);
        boolean explained = false;
        List<Diagnostic> out = new ArrayList<>();
        for (ProductSource p : products) {
            List<OutputPort> ports = p.product().outputPorts();
            for (int i = 0; i < ports.size(); i++) {
                OutputPort port = ports.get(i);
                Optional<DataContract> found = p.contract(port.contractId()).map(c -> c.contract());
                if (found.isEmpty()) continue;
                DataContract c = found.get();
                if (c.servers().stream().anyMatch(s -> !namesEnvironment(s))) continue;
                if (!c.serversFor(environment).isEmpty()) continue;
                String hint;
                if (servedNowhere && !known.isEmpty()) {
                    hint = explained
                            ? "no contract of the project serves " + Quoted.of(environment)
                            : servedNowhere(environment, known);
                    explained = true;
                } else {
                    String guess = Suggestions.closest(environment, known);
                    hint = c.servers().isEmpty()
                            ? "add a server with 'environment: " + Quoted.shown(environment) + "'"
                            : "its servers serve " + listed(environments(c))
                                    + (guess != null && !guess.equals(environment)
                                            ? "; perhaps you meant '" + guess + "'"
                                            : "; add a server with 'environment: " + Quoted.shown(environment) + "'");
                }
                out.add(Diagnostic.error(
                        CODE,
                        p.sourceMap().locate(p.file(), Pointers.child(Pointers.child("/outputPorts", i), "contractId")),
                        "Cannot deploy output port " + Quoted.of(port.name()) + " to environment "
                                + Quoted.of(environment) + ": contract " + Quoted.of(c.id())
                                + (c.servers().isEmpty() ? " has no servers" : " has no server for it"),
                        hint));
            }
        }
        return out;
    }

    /** Why no port can deploy: the environment being validated is one no contract of the project serves. */
    private static String servedNowhere(String environment, TreeSet<String> known) {
        String guess = Suggestions.closest(environment, known);
        return "the environment " + Quoted.of(environment) + " being validated (-Dmesh.environment, or <environment>"
                + " in the POM) is served by no contract of the project, whose contracts serve " + listed(known)
                + (guess != null
                        ? "; perhaps you meant '" + guess + "'"
                        : "; choose one of them, or add a server with 'environment: " + Quoted.shown(environment)
                                + "' to each contract");
    }

    /**
     * Every server names its environment, or {@code "*"}: an error in a product folder (its servers get
     * deployed), a warning for a standalone document.
     */
    static void requireEnvironments(DataContract c, Path file, Problems problems, boolean deployable) {
        for (int i = 0; i < c.servers().size(); i++) {
            Server s = c.servers().get(i);
            if (namesEnvironment(s) || s.extensions().containsKey("environment"))
                continue; // not a text: the schema says so
            String pointer = Pointers.child("/servers", i);
            String hint = "add 'environment:' with the environment it serves, e.g. 'environment: dev', or"
                    + " 'environment: \"*\"' (quoted) if it serves every environment";
            if (deployable) {
                problems.error(
                        CODE,
                        file,
                        pointer,
                        "Cannot deploy server " + Quoted.of(s.server()) + " of contract " + Quoted.of(c.id())
                                + ": it names no environment",
                        hint);
            } else {
                problems.warning(
                        CODE,
                        file,
                        pointer,
                        "Server " + Quoted.of(s.server()) + " names no environment;"
                                + " a product that uses this contract does not validate",
                        hint);
            }
        }
    }

    /** The environments, quoted; the first ten, and how many more, when there are more. */
    private static String listed(TreeSet<String> environments) {
        List<String> shown = environments.stream().limit(LISTED).map(Quoted::of).toList();
        int more = environments.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    private static boolean namesEnvironment(Server s) {
        return s.environment() != null && !s.environment().isBlank();
    }

    private static TreeSet<String> environments(DataContract c) {
        TreeSet<String> out = new TreeSet<>();
        for (Server s : c.servers()) if (namesEnvironment(s)) out.add(s.environment());
        return out;
    }
}
