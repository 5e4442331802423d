package dev.meshsdk.internal.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where what a storage adapter refuses in a port's contract becomes a diagnostic located in that
 * contract ({@code MESH-STORE}): the problems of {@link SupportsPortCheck} (at validation and before planning), the
 * {@link PortProblems} of planning, and any other {@code INVALID_DESCRIPTOR} an adapter throws (at the port's server
 * entry, the adapter having named no field).
 */
public final class PortChecks {
    private static final String CODE = "MESH-STORE";
    private final EngineContext context;

    public PortChecks(EngineContext context) {
        this.context = context;
    }

    /**
     * The problems the adapters can tell, without connecting, in every output port of the products for the
     * environment; ports whose server type no adapter serves are reported elsewhere.
     */
    public List<Diagnostic> check(List<ProductSource> products) {
        List<Diagnostic> out = new ArrayList<>();
        for (ProductSource source : products) {
            for (Bindings.Located located : Bindings.of(source, context.environment(), List.of())) {
                PortBinding binding = located.binding();
                if (binding == null
                        || !context.plugins().servesType(binding.server().type())) continue;
                StorageAdapter adapter;
                try {
                    adapter = context.plugins().storage(binding.server().type(), context.adapterContext());
                } catch (MeshException e) {
                    continue; // an adapter that cannot be created from its settings is reported when planning
                }
                out.addAll(check(source, binding, adapter));
            }
        }
        return out;
    }

    /** One port's problems as its adapter tells them without connecting; empty when it cannot tell. */
    List<Diagnostic> check(ProductSource source, PortBinding binding) {
        return check(source, binding, context.plugins().storage(binding.server().type(), context.adapterContext()));
    }

    private static List<Diagnostic> check(ProductSource source, PortBinding binding, StorageAdapter adapter) {
        if (!(adapter instanceof SupportsPortCheck checking)) return List.of();
        return located(source, binding, checking.check(binding));
    }

    /**
     * An adapter's exception in a data goal (publishing a file, say), located in the port's contract when it is a
     * mistake there ({@link #inContract}): a {@link ValidationException} with the problems at their lines, the
     * original as its cause; any other exception as it is.
     */
    public static MeshException locatedInContract(ProductSource source, PortBinding binding, MeshException e) {
        if (!inContract(e)) return e;
        return new ValidationException(new ValidationReport(located(source, binding, e)), e);
    }

    /** Whether an adapter's exception is a mistake in the port's contract, which {@link #located} words. */
    public static boolean inContract(MeshException e) {
        return e instanceof PortProblems
                || (e.code() == ErrorCode.INVALID_DESCRIPTOR && !(e instanceof ValidationException));
    }

    /** An exception {@link #inContract} as diagnostics: each problem at its pointer, any other at the server. */
    static List<Diagnostic> located(ProductSource source, PortBinding binding, MeshException e) {
        if (e instanceof PortProblems p) return located(source, binding, p.problems());
        return located(source, binding, List.of(PortProblems.Problem.of(binding.serverPointer(), e)));
    }

    private static List<Diagnostic> located(
            ProductSource source, PortBinding binding, List<PortProblems.Problem> problems) {
        Path contractFile = source.requireContractFile(binding.contract().id());
        List<Diagnostic> out = new ArrayList<>();
        for (PortProblems.Problem problem : problems) {
            out.add(Diagnostic.error(
                    CODE,
                    source.sourceMap().locate(contractFile, problem.pointer()),
                    problem.message(),
                    problem.hint()));
        }
        return out;
    }
}
