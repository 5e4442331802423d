package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.usage.UsageObservation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column the contract drops under the same major version, over the engine's test doubles (the in-memory store and
 * registry; a policy engine that allows what the test says, standing in for the governance pack, whose rule is
 * tested in mesh-policy's {@code BreakingByUsagePackTest}): only the policies' allowance turns the store's refusal
 * into a {@link Change.DropColumn}; with policies off, or no allowance, the refusal stays and nothing is dropped,
 * also when a saved plan holding the drop is deployed.
 */
class ColumnDropTest {
    static final String TABLE = "data/orders/orders";
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    /** The columns the stand-in policies allow to drop, by port. */
    final List<AllowedColumnDrop> allow = new ArrayList<>();

    @Test
    void anAllowedDropIsPlannedAppliedAndThenPlansNothing() {
        Path orders = deployed();
        allow.add(new AllowedColumnDrop("orders", null, "coupon", "nobody read it in 90 days"));
        try (Mesh mesh = mesh("allowing")) {
            DeploymentPlan plan = mesh.plan(List.of(orders));
            assertThat(plan.products().get(0).ports().get(0).changes())
                    .singleElement()
                    .isEqualTo(new Change.DropColumn(TABLE, "coupon", "nobody read it in 90 days"));
            assertThat(plan.summary()).contains("- drop column coupon of " + TABLE + " (nobody read it in 90 days)");
            assertThat(plan.refusals()).isEmpty();

            mesh.deploy(List.of(orders), plan);
            assertThat(storage.tables.get(TABLE)).containsOnlyKeys("order_id");
            assertThat(mesh.plan(List.of(orders)).hasChanges()).isFalse();
        }
    }

    @Test
    void withoutAnAllowanceTheDropStaysRefused() {
        Path orders = deployed();
        allow.add(new AllowedColumnDrop("orders", null, "other_column", "nobody read it in 90 days"));
        allow.add(new AllowedColumnDrop("other_port", null, "coupon", "nobody read it in 90 days"));
        try (Mesh mesh = mesh("allowing")) {
            DeploymentPlan plan = mesh.plan(List.of(orders));
            assertThat(plan.refusals())
                    .singleElement()
                    .extracting(Change.Refused::droppedColumn)
                    .isEqualTo("coupon");
            assertThatThrownBy(() -> mesh.deploy(List.of(orders)))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED));
            assertThat(storage.tables.get(TABLE)).containsOnlyKeys("order_id", "coupon");
        }
    }

    @Test
    void withPoliciesOffTheDropStaysRefusedEvenFromASavedPlanThatHoldsIt() {
        Path orders = deployed();
        allow.add(new AllowedColumnDrop("orders", TABLE, "coupon", "nobody read it in 90 days"));
        Path file = dir.resolve("plan.json");
        try (Mesh mesh = mesh("allowing")) {
            Mesh.writePlan(mesh.plan(List.of(orders)), file);
        }
        assertThat(Mesh.readPlan(file).products().get(0).ports().get(0).changes())
                .singleElement()
                .isInstanceOf(Change.DropColumn.class);
        try (Mesh mesh = mesh("none")) {
            assertThat(mesh.plan(List.of(orders)).refusals())
                    .singleElement()
                    .extracting(Change.Refused::droppedColumn)
                    .isEqualTo("coupon");
            assertThatThrownBy(() -> mesh.deploy(List.of(orders), Mesh.readPlan(file)))
                    .isInstanceOfSatisfying(MeshException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED);
                        assertThat(e.getMessage())
                                .contains("column 'coupon' is in the table but not in the"
                                        + " contract, and the policies do not allow dropping it");
                    });
            assertThat(storage.tables.get(TABLE)).containsOnlyKeys("order_id", "coupon");
        }
        // The policies judge a saved plan's drop again: no longer allowed, it is refused.
        allow.clear();
        try (Mesh mesh = mesh("allowing")) {
            assertThatThrownBy(() -> mesh.deploy(List.of(orders), Mesh.readPlan(file)))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED));
            assertThat(storage.tables.get(TABLE)).containsOnlyKeys("order_id", "coupon");
        }
    }

    @Test
    void aDropColumnGoesThroughThePlansJson() {
        Path orders = deployed();
        allow.add(new AllowedColumnDrop("orders", null, "coupon", "nobody read it in 90 days"));
        try (Mesh mesh = mesh("allowing")) {
            DeploymentPlan plan = mesh.plan(List.of(orders));
            String json = Mesh.toJson(plan);
            assertThat(json)
                    .contains("\"kind\" : \"drop-column\"")
                    .contains("\"column\" : \"coupon\"")
                    .doesNotContain("summary");
            Path file = dir.resolve("plan.json");
            Mesh.writePlan(plan, file);
            assertThat(Mesh.readPlan(file)).isEqualTo(plan);
        }
    }

    /** Orders deployed with order_id and coupon, then its contract (same major version) without coupon. */
    Path deployed() {
        Path p = dir.resolve("products").resolve("orders");
        Workspace.write(p.resolve("product.yaml"), ForgetTest.product("orders", "orders-c", null));
        Workspace.write(
                p.resolve("contracts/orders-c.yaml"),
                ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id", "coupon"));
        try (Mesh mesh = mesh("none")) {
            mesh.deploy(List.of(p));
        }
        Workspace.write(
                p.resolve("contracts/orders-c.yaml"),
                ForgetTest.contract("orders-c", "1.1.0", "data/orders", "orders", "order_id"));
        return p;
    }

    Mesh mesh(String policies) {
        PolicyEngineFactory allowing = new PolicyEngineFactory() {
            @Override
            public String name() {
                return "allowing";
            }

            @Override
            public PolicyEngine create(AdapterContext context) {
                return new PolicyEngine() {
                    @Override
                    public PolicyDecision evaluate(PolicyInput input) {
                        boolean plan = "plan".equals(input.document().get("event"));
                        return new PolicyDecision(List.of(), null, List.of(), plan ? allow : List.of());
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        MeshPlugin plugin = UsageDoubles.plugin(
                storage,
                registry,
                UsageDoubles.events(p -> false, t -> List.<UsageObservation>of()),
                List.of(allowing));
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .policyEngine(policies)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .user("platform")
                .build();
    }
}
