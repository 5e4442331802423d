package dev.meshsdk.maven;

import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import java.util.Objects;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code mesh:check}'s call: {@link Mesh#check} of the deployed products (all of them when {@code products} is
 * empty), logged as a table and one summary line; fails when a result fails the check at {@code failOn}.
 */
record CheckCall(List<String> products, CheckRequest.FailOn failOn) implements GoalCall {
    CheckCall {
        products = List.copyOf(products);
        Objects.requireNonNull(failOn, "failOn");
    }

    @Override
    public List<CatalogEntry.Port> ports(MeshCatalog catalog) {
        List<CatalogEntry> entries = products.isEmpty()
                ? catalog.products()
                : products.stream().flatMap(id -> catalog.product(id).stream()).toList();
        return entries.stream()
                .flatMap(e -> e.outputPorts().stream())
                .filter(CatalogEntry.Port::live)
                .toList();
    }

    @Override
    public void run(Mesh mesh, MeshSetup setup, Log log) throws MojoFailureException {
        CheckReport report = mesh.check(new CheckRequest(products, failOn));
        if (report.ports().isEmpty()) {
            throw new MojoFailureException("Cannot check: no product is deployed to '" + report.environment()
                    + "' in the registry; deploy first (mesh:deploy), or check -Dmesh.registry,"
                    + " -Dmesh.registry.file.root and -Dmesh.environment");
        }
        CheckTable.lines(report).forEach(log::info);
        List<CheckReport.RuleCheck> all =
                report.ports().stream().flatMap(p -> p.rules().stream()).toList();
        long passed = all.stream()
                .filter(r -> r.verdict() == CheckReport.Verdict.PASSED)
                .count();
        long failed = all.size() - passed;
        long failing = report.failures().size();
        log.info("Checked " + report.ports().size() + " port(s): " + passed + " rule(s) passed, " + failed + " failed"
                + (failed > failing
                        ? " (" + (failed - failing) + " warning(s); -Dmesh.check.failOn=warning fails on" + " them)"
                        : ""));
        if (!report.passed()) {
            throw new MojoFailureException("Cannot pass the check: " + failing + " result(s) fail it (failOn "
                    + CheckTable.lower(failOn) + ")" + System.lineSeparator()
                    + String.join(
                            System.lineSeparator(),
                            report.ports().stream()
                                    .flatMap(p -> p.failing(failOn).stream()
                                            .map(r -> CheckTable.port(p) + ": " + CheckTable.failure(r)))
                                    .toList()));
        }
    }
}
