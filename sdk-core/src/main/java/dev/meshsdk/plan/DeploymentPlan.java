package dev.meshsdk.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable plan: what deploying a set of products to one environment will change, products in
 * dependency order (a product after the ones it consumes). Computing it has no side effects; it
 * records the state it was computed against, and deploying refuses it once that state has moved.
 * Serialise it with {@code Mesh.writePlan} and read it back with {@code Mesh.readPlan}.
 */
public record DeploymentPlan(int formatVersion, String environment, Instant createdAt, List<ProductPlan> products) {
    /** The plan file format this SDK writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public DeploymentPlan {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(createdAt, "createdAt");
        products = List.copyOf(products);
    }

    public boolean hasChanges() {
        return products.stream().anyMatch(ProductPlan::hasChanges);
    }

    public List<Change.Refused> refusals() {
        return products.stream().flatMap(p -> p.refusals().stream()).toList();
    }

    /** A readable summary, a line per product and change: {@code + create ...}, {@code ~ alter ...}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        int changes = 0;
        for (ProductPlan product : products) {
            b.append("product ").append(product.productId());
            if (product.version() != null) b.append(" ").append(product.version());
            b.append(product.hasChanges() ? "" : " (up to date)").append(System.lineSeparator());
            for (InputMove move : product.inputMoves()) {
                b.append("  ~ ").append(move.summary()).append(System.lineSeparator());
            }
            for (PortPlan port : product.ports()) {
                b.append("  port ")
                        .append(port.port())
                        .append(version(product, port))
                        .append(" -> ")
                        .append(port.serverType())
                        .append(' ')
                        .append(port.address())
                        .append(System.lineSeparator());
                if (port.usage() != null && port.hasChanges()) {
                    b.append("    usage: ").append(port.usage()).append(System.lineSeparator());
                }
                for (Change c : port.changes()) {
                    b.append("    ")
                            .append(c.symbol())
                            .append(' ')
                            .append(c.summary())
                            .append(System.lineSeparator());
                    if (!(c instanceof Change.KeepTable)) changes++;
                }
            }
        }
        b.append("Plan: ")
                .append(changes)
                .append(" change(s) in ")
                .append(products.size())
                .append(" product(s) for environment '")
                .append(environment)
                .append('\'');
        return b.toString();
    }

    /** {@code " v<major>"} when the product plans more than one major version of the port, else nothing. */
    private static String version(ProductPlan product, PortPlan port) {
        long majors = product.ports().stream()
                .filter(p -> p.port().equals(port.port()))
                .map(p -> major(p.contractVersion()))
                .distinct()
                .count();
        return majors < 2 ? "" : " v" + major(port.contractVersion());
    }

    private static String major(String version) {
        if (version == null) return "?";
        String v = version.startsWith("v") ? version.substring(1) : version;
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }
}
