package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column the contract drops under the same major version, on a real PostgreSQL: refused while the policies do not
 * allow it, and dropped with {@code ALTER TABLE ... DROP COLUMN} when they do, the other columns' data kept; the
 * next deploy plans nothing. The policies are a stand-in that allows the drop of {@code name} (the governance pack's
 * rule that decides it from 90 days of usage is tested in mesh-policy's {@code BreakingByUsagePackTest}).
 */
class PostgresColumnDropIT {
    @TempDir
    Path dir;

    @Test
    void anAllowedDropGoesWithItsDataAndKeepsTheOtherColumns() throws Exception {
        ShopMesh shop = new ShopMesh(dir).deploy();
        shop.pg.exec(
                "INSERT INTO " + shop.schema + ".orders (id, name, amount) VALUES (1, 'Ann', 1.00), (2, 'Bob', 2.50)");
        Path product = dir.resolve(ShopMesh.PRODUCT);
        Path contract = product.resolve("contracts/shop-orders.yaml");
        Files.writeString(
                contract,
                Files.readString(contract)
                        .replace("version: 1.0.0", "version: 1.1.0")
                        .replace(
                                "      - name: name\n        logicalType: string\n        quality:\n"
                                        + "          - name: names unique\n            metric: duplicateValues\n            mustBe: 0\n"
                                        + "            severity: warning\n",
                                ""));
        assertThat(Files.readString(contract)).doesNotContain("name: name");

        try (Mesh mesh = shop.mesh(allowing("name"), "none")) {
            assertThat(mesh.plan(List.of(product)).refusals())
                    .singleElement()
                    .extracting(Change.Refused::droppedColumn)
                    .isEqualTo("name");
            MeshException refused = catchThrowableOfType(MeshException.class, () -> mesh.deploy(List.of(product)));
            assertThat(refused).as("deploy with policies off").isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.PLAN_REFUSED);
        }
        try (Mesh mesh = shop.mesh(allowing("other"), "allowing")) {
            assertThat(mesh.plan(List.of(product)).refusals())
                    .as("another column allowed")
                    .hasSize(1);
        }
        assertThat(shop.rows()).isEqualTo("1:Ann:1.00,2:Bob:2.50");

        try (Mesh mesh = shop.mesh(allowing("name"), "allowing")) {
            DeploymentPlan plan = mesh.plan(List.of(product));
            assertThat(plan.summary()).contains("- drop column name of orders (nobody read it in 90 days)");
            mesh.deploy(List.of(product), plan);

            assertThat(shop.query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM"
                            + " information_schema.columns WHERE table_schema = '" + shop.schema
                            + "' AND table_name = 'orders'"))
                    .isEqualTo("id,amount");
            assertThat(shop.query(
                            "SELECT string_agg(id || ':' || amount, ',' ORDER BY id) FROM " + shop.schema + ".orders"))
                    .isEqualTo("1:1.00,2:2.50");
            assertThat(mesh.plan(List.of(product)).hasChanges())
                    .as("the plan after the drop")
                    .isFalse();
        }
    }

    /** A policy engine double that allows dropping {@code column} of port orders on every plan. */
    private static MeshPlugin allowing(String column) {
        PolicyEngineFactory factory = new PolicyEngineFactory() {
            @Override
            public String name() {
                return "allowing";
            }

            @Override
            public PolicyEngine create(AdapterContext context) {
                return new PolicyEngine() {
                    @Override
                    public PolicyDecision evaluate(PolicyInput input) {
                        return new PolicyDecision(
                                List.of(),
                                null,
                                List.of(),
                                "plan".equals(input.document().get("event"))
                                        ? List.of(new AllowedColumnDrop(
                                                ShopMesh.PORT, null, column, "nobody read it in 90 days"))
                                        : List.of());
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        return new MeshPlugin() {
            @Override
            public List<PolicyEngineFactory> policyEngines() {
                return List.of(factory);
            }
        };
    }
}
