package dev.meshsdk.maven;

import dev.meshsdk.ClassifyResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code mesh:classify}'s call: {@link Mesh#classify} of the deployed products (all of them when {@code products}
 * is empty), logged as a table of findings (port, column, what its values look like, the share of sampled values
 * that do) and one summary line; never a value. Fails on a finding only with {@link FailOn#FINDING}.
 */
record ClassifyCall(List<String> products, FailOn failOn) implements GoalCall {
    private static final List<String> HEADER = List.of("port", "column", "looks like", "share", "sampled");

    /** What fails the goal: nothing (findings are reported), or any finding. */
    enum FailOn {
        NONE,
        FINDING;

        static FailOn of(String value) throws MojoFailureException {
            String v = value == null || value.isBlank() ? "none" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "none" -> NONE;
                case "finding", "findings" -> FINDING;
                default ->
                    throw new MojoFailureException("Invalid <failOn> (-Dmesh.classify.failOn): '" + value
                            + "'; use none (report findings only) or finding (fail when a column looks like personal"
                            + " data its contract does not classify)");
            };
        }
    }

    ClassifyCall {
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
        ClassifyResult result = mesh.classify(products);
        if (result.ports() == 0
                && result.warnings().isEmpty()
                && result.skipped().isEmpty()) {
            throw new MojoFailureException("Cannot classify: no product is deployed to '" + result.environment()
                    + "' in the registry; deploy first (mesh:deploy), or check -Dmesh.registry,"
                    + " -Dmesh.registry.file.root and -Dmesh.environment");
        }
        for (Diagnostic w : result.warnings()) {
            log.warn(w.message() + (w.hint() == null || w.hint().isBlank() ? "" : "; " + w.hint()));
        }
        if (!result.findings().isEmpty()) {
            TextTable.lines(
                            HEADER,
                            result.findings().stream().map(ClassifyCall::row).toList())
                    .forEach(log::info);
        }
        for (String port : result.skipped()) {
            log.info("Skipped " + port + ": " + ClassifyResult.SKIPPED_BECAUSE);
        }
        int found = result.findings().size();
        log.info("Classified " + result.ports() + " port(s)"
                + (result.skipped().isEmpty()
                        ? ""
                        : ", skipped " + result.skipped().size() + " with no rows")
                + ": " + found + " column(s) hold what looks like personal"
                + " data their contract does not classify"
                + (found > 0 && failOn == FailOn.NONE ? " (-Dmesh.classify.failOn=finding fails on them)" : ""));
        if (found > 0 && failOn == FailOn.FINDING) {
            throw new MojoFailureException("Cannot pass the classification: " + found + " column(s) hold what looks"
                    + " like personal data their contract does not classify (failOn finding); classify each in its"
                    + " contract (classification: pii) or keep that data out of the port" + System.lineSeparator()
                    + String.join(
                            System.lineSeparator(),
                            result.findings().stream()
                                    .map(ClassifyResult.Finding::describe)
                                    .toList()));
        }
    }

    private static List<String> row(ClassifyResult.Finding f) {
        return List.of(
                f.productId() + "/" + f.port() + (f.majorVersion() >= 2 ? " v" + f.majorVersion() : ""),
                f.table() + "." + f.column(),
                f.detector(),
                String.format(Locale.ROOT, "%.1f%%", f.share() * 100),
                f.matched() + " of " + f.sampled());
    }
}
