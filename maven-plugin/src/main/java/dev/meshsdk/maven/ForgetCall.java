package dev.meshsdk.maven;

import dev.meshsdk.ForgetResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code mesh:forget}'s call: {@link Mesh#forget} of one data subject across every product the registry lists,
 * logged as a line per receipt (port, contract major version, store, status, rows deleted, whether the rows are
 * physically gone) and one summary line. The subject's value is personal data: it is never logged, never written
 * to the forked JVM's request file ({@link #privateInputs()}) and hidden by {@link #toString()}.
 *
 * @param subject     the subject's value; null only in the request file of a forked JVM
 * @param subjectType the kind of subject; null for the default type
 */
record ForgetCall(String subject, String subjectType) implements GoalCall {
    /** The forked JVM's environment variable that carries the subject's value. */
    static final String SUBJECT_VARIABLE = "MESH_FORGET_SUBJECT";

    private static final List<String> HEADER =
            List.of("port", "version", "store", "status", "rows deleted", "physically gone");

    /**
     * The ports whose contract marks a subject key of the type, in every major version: where the erasure goes.
     * None for a type no contract marks, so that the goal fails at once, without starting Spark.
     */
    @Override
    public List<CatalogEntry.Port> ports(MeshCatalog catalog) {
        String type = subjectType == null ? SchemaProperty.DEFAULT_SUBJECT_TYPE : subjectType.trim();
        return catalog.products().stream()
                .flatMap(e -> e.outputPorts().stream())
                .filter(p -> p.columns().stream()
                        .anyMatch(c ->
                                c.subjectKey() != null && c.subjectKey().trim().equalsIgnoreCase(type)))
                .toList();
    }

    @Override
    public void run(Mesh mesh, MeshSetup setup, Log log) throws MojoExecutionException {
        if (subject == null) throw new IllegalStateException("mesh:forget has no subject");
        ForgetResult result = mesh.forget(subject, subjectType);
        log.info("Erasure request " + result.requestId() + " for a subject of type '" + result.subjectType()
                + "' (receipts in the registry's erasure log, by the subject's keyed hash "
                + result.subjectHash().substring(0, 12) + "...)");
        TextTable.lines(HEADER, result.receipts().stream().map(ForgetCall::row).toList())
                .forEach(log::info);
        if (!result.complete()) {
            log.info("Forgot subject in "
                    + (result.receipts().size() - result.failed().size()) + " of "
                    + result.receipts().size() + " port(s): " + result.rowsDeleted() + " row(s) deleted, "
                    + result.failed().size() + " port(s) failed");
            throw new MojoExecutionException(result.summary());
        }
        // one summary line; when nothing was deleted it says why (and which request erased the subject before)
        String summary = result.summary();
        log.info("Forgot subject in " + result.receipts().size() + " port(s): " + result.rowsDeleted()
                + " row(s) deleted"
                + (result.rowsDeleted() == 0
                        ? " (" + Character.toLowerCase(summary.charAt(0)) + summary.substring(1) + ")"
                        : ""));
    }

    private static List<String> row(ErasureReceipt r) {
        return List.of(
                r.productId() + "/" + r.port(),
                "v" + r.majorVersion(),
                r.serverType() == null ? "" : r.serverType(),
                CheckTable.lower(r.status()),
                String.valueOf(r.rowsDeleted()),
                r.status() != ErasureReceipt.Status.DONE ? "" : gone(r.tables()));
    }

    /**
     * For a port some rows were deleted from, of the tables they were deleted from: {@code yes} when every table's
     * rows are gone from its files; else from when time travel can no longer bring them back (the latest table's),
     * or {@code not known} for a store that does not say. For a port no rows were deleted from, see
     * {@link #earlier}.
     */
    static String gone(List<TableErasure> tables) {
        List<TableErasure> deleted =
                tables.stream().filter(t -> t.rowsDeleted() > 0).toList();
        return deleted.isEmpty() ? earlier(tables) : state(deleted);
    }

    private static String state(List<TableErasure> tables) {
        if (tables.stream().allMatch(TableErasure::physicallyGone)) return "yes";
        if (tables.stream().anyMatch(t -> !t.physicallyGone() && t.unrecoverableFrom() == null)) return "not known";
        Optional<Instant> last = tables.stream()
                .map(TableErasure::unrecoverableFrom)
                .filter(Objects::nonNull)
                .max(Instant::compareTo);
        return last.map(i -> "from " + i.truncatedTo(ChronoUnit.SECONDS)).orElse("not known");
    }

    /**
     * For a port no rows were deleted from: {@code -}, or the state of the rows an earlier request deleted, as the
     * receipt repeats it ({@code yes (earlier)}, {@code from ... (earlier)}).
     */
    private static String earlier(List<TableErasure> tables) {
        List<TableErasure> known = tables.stream()
                .filter(t -> t.physicallyGone() || t.unrecoverableFrom() != null)
                .toList();
        return known.isEmpty() ? "-" : state(known) + " (earlier)";
    }

    @Override
    public Map<String, String> privateInputs() {
        return subject == null ? Map.of() : Map.of(SUBJECT_VARIABLE, subject);
    }

    @Override
    public ForgetCall withoutPrivateInputs() {
        return new ForgetCall(null, subjectType);
    }

    @Override
    public ForgetCall withPrivateInputs(Map<String, String> environment) {
        String value = environment.get(SUBJECT_VARIABLE);
        if (value == null) {
            throw new IllegalStateException(
                    "The forked JVM of mesh:forget has no " + SUBJECT_VARIABLE + " in its environment");
        }
        return new ForgetCall(value, subjectType);
    }

    @Override
    public String toString() {
        return "ForgetCall[subject=" + (subject == null ? "none" : "****") + ", subjectType=" + subjectType + "]";
    }
}
