package dev.meshsdk.internal.data;

import dev.meshsdk.ClassifyResult.Finding;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.internal.engine.Governance;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.policy.PolicyFinding;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lets the governance policies judge a port's data: a sample of the rows goes through the {@link Classifier}'s
 * detectors, and the product as deployed (its descriptors as the registry keeps them, not a build's sources) is
 * judged with what they found as the input's {@code detected} section, with event {@code check} for a port's
 * tables and {@code publish} for a publish's candidate rows. Only denials are kept: the policies' warnings were
 * shown when the product was deployed. Built only when a policy engine is loaded, so that without one nothing is
 * sampled. One per command; not thread-safe.
 */
public final class DataPolicies {
    private final Governance governance;
    private final Classifier classifier;
    private final MeshCatalog catalog;
    private final Map<String, ProductSource> deployed = new HashMap<>();

    public DataPolicies(Governance governance, Classifier classifier, MeshCatalog catalog) {
        this.governance = governance;
        this.classifier = classifier;
        this.catalog = catalog;
    }

    /** The denials of a deployed port's data (event {@code check}), each of its tables sampled once. */
    List<PolicyFinding> judgePort(PortBinding port, PortData data) {
        return denials(port, "check", classifier.classifyPort(port, data));
    }

    /**
     * What judges a publish's candidate rows into table {@code object} of the port (event {@code publish}): a
     * denial is {@code POLICY_DENIED} naming the file, the port and each policy's message (column, what it looks
     * like, the share of sampled values), never a value.
     */
    PublishRequest.CandidateAudit audit(PortBinding port, String object, Path file) {
        var schemaObject = DataFiles.schemaObject(port, object);
        return new PublishRequest.CandidateAudit() {
            @Override
            public int sampleRows() {
                return classifier.sampleRows();
            }

            @Override
            public void judge(Sample candidate) {
                List<Finding> found = classifier.judge(
                        port.product().id(), port.port().name(), port.contractMajorVersion(), schemaObject, candidate);
                List<PolicyFinding> denied = denials(port, "publish", found);
                if (denied.isEmpty()) return;
                throw new MeshException(
                        ErrorCode.POLICY_DENIED,
                        "Cannot publish " + file + " to "
                                + DataFiles.describe(port) + ": " + denied.size() + " policy denial(s) of its rows: "
                                + denied.stream().map(f -> describe(port, f)).collect(Collectors.joining("; "))
                                + "; nothing was published, the port is as it was");
            }
        };
    }

    /**
     * A denial of the port's data as one line: the policy's message, then the place in the product's files its
     * details name ({@link Governance#place}: a column's entry in a contract, say), relative to the product's folder
     * and in the descriptors as deployed, then the policy's rule and where it is written.
     */
    String describe(PortBinding port, PolicyFinding f) {
        ProductSource source = deployed(port);
        String at = Governance.place(source, f)
                .filter(l -> l.line() > 0)
                .map(l -> "at " + relative(source, l.file()) + ":" + l.line() + ":" + l.column()
                        + " of the product as deployed; ")
                .orElse("");
        return f.message() + " (" + at + "policy rule '" + f.rule() + "'"
                + (f.location() == null ? "" : " at " + f.location()) + ")";
    }

    private static String relative(ProductSource source, Path file) {
        Path dir = source.directory();
        return file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
    }

    private ProductSource deployed(PortBinding port) {
        return deployed.computeIfAbsent(port.product().id(), catalog::deployed);
    }

    private List<PolicyFinding> denials(PortBinding port, String event, List<Finding> found) {
        ProductSource source = deployed(port);
        return governance.decide(source, event, DetectedSection.of(found)).findings().stream()
                .filter(PolicyFinding::denies)
                .toList();
    }
}
