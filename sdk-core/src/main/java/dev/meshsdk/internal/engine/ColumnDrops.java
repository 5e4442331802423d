package dev.meshsdk.internal.engine;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one place where a dropped column goes from refused to planned and back. Storage adapters refuse a column
 * that is in the table but not in the contract ({@link Change.Refused#droppedColumn()}); only the policies' decision
 * on the plan ({@link AllowedColumnDrop}) turns such a refusal into a {@link Change.DropColumn}. A plan is always
 * judged as refused first ({@link #asRefused}), so that a saved plan's drops are judged again when it is deployed,
 * and with policies off, or no longer allowed, a drop is refused again: a column is never dropped silently.
 */
public final class ColumnDrops {
    private ColumnDrops() {}

    /** {@code plan} with each {@link Change.DropColumn} back as the refusal the policies judge. */
    public static DeploymentPlan asRefused(DeploymentPlan plan) {
        return map(
                plan,
                (port, c) -> c instanceof Change.DropColumn d
                        ? new Change.Refused(
                                d.target(),
                                "column '" + d.column()
                                        + "' is in the table but not in the contract, and the policies do not allow dropping it",
                                "raise the contract's major version, or let the policies allow the drop"
                                        + " (mesh.breaking.allowUnreadColumnDrops in the governance pack)",
                                d.column())
                        : c);
    }

    /**
     * {@code plan} with each refusal of a dropped column that {@code allowed} (by product id) covers planned as a
     * {@link Change.DropColumn}; every other change as it was.
     */
    public static DeploymentPlan allow(DeploymentPlan plan, Map<String, List<AllowedColumnDrop>> allowed) {
        List<ProductPlan> products = new ArrayList<>();
        for (ProductPlan p : plan.products()) {
            List<AllowedColumnDrop> mine = allowed.getOrDefault(p.productId(), List.of());
            products.add(
                    mine.isEmpty()
                            ? p
                            : map(p, (port, c) -> {
                                if (!(c instanceof Change.Refused r) || r.droppedColumn() == null) return c;
                                return mine.stream()
                                        .filter(a -> a.covers(port.port(), r.target(), r.droppedColumn()))
                                        .findFirst()
                                        .<Change>map(
                                                a -> new Change.DropColumn(r.target(), r.droppedColumn(), a.reason()))
                                        .orElse(c);
                            }));
        }
        return new DeploymentPlan(plan.formatVersion(), plan.environment(), plan.createdAt(), products);
    }

    private static DeploymentPlan map(DeploymentPlan plan, BiFunction<PortPlan, Change, Change> f) {
        return new DeploymentPlan(
                plan.formatVersion(),
                plan.environment(),
                plan.createdAt(),
                plan.products().stream().map(p -> map(p, f)).toList());
    }

    private static ProductPlan map(ProductPlan p, BiFunction<PortPlan, Change, Change> f) {
        return p.withPorts(p.ports().stream()
                .map(x -> new PortPlan(
                        x.port(),
                        x.contractId(),
                        x.contractVersion(),
                        x.server(),
                        x.serverType(),
                        x.address(),
                        x.observed(),
                        x.changes().stream().map(c -> f.apply(x, c)).toList(),
                        x.usage()))
                .toList());
    }
}
