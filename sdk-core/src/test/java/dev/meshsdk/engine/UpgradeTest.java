package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.FileUpgrade;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.UpgradeChange;
import dev.meshsdk.UpgradePlan;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mesh:upgrade's core: each kind of change, what it keeps, what it refuses, and that the result validates. */
class UpgradeTest {
    static final String PRODUCT_V090 = """
            apiVersion: v0.9.0
            kind: DataProduct
            id: orders
            name: orders
            version: 1.0.0
            status: active
            domain: sales
            # who answers for it
            team:
              - username: asha.rao # the owner
                role: owner

              - username: tom.becker
                role: data engineer
            description:
              purpose: Orders
            outputPorts:
              - name: orders
                version: 1.0.0
                contractId: orders-v1
            """;

    static final String CONTRACT_V300 = """
            # Orders, as the order service writes them
            apiVersion: "v3.0.0"   # the version we started with
            kind: DataContract
            id: orders-v1
            version: 1.0.0
            status: active
            servers:
              - server: local-dev
                type: local
                environment: dev
                path: data/orders
                format: delta
            roles:
              - role: analyst
                access: read
            schema:
              - name: orders
                physicalType: table
                quality:
                  - rule: rowCount   # keep this comment
                    mustBeGreaterThan: 0
                properties:
                  - name: order_id
                    logicalType: string
                    quality:
                      - rule: nullCheck
                        mustBe: 0
                  - name: amount
                    logicalType: integer
                    logicalTypeOptions:
                      maximum: 100
                      exclusiveMaximum: true
                      exclusiveMinimum: false
            team:
              - username: asha.rao
                role: owner
            """;

    @TempDir
    Path dir;

    Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    Path orders() throws IOException {
        write("orders/product.yaml", PRODUCT_V090);
        write("orders/contracts/orders-v1.yaml", CONTRACT_V300);
        return dir.resolve("orders");
    }

    static FileUpgrade only(UpgradePlan plan, String fileName) {
        return plan.files().stream()
                .filter(f -> f.file().getFileName().toString().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no upgrade of " + fileName + " in " + plan.files()));
    }

    static List<String> formatted(FileUpgrade f) {
        return f.changes().stream().map(UpgradeChange::format).toList();
    }

    @Test
    void aContractKeepsItsCommentsAndQuotingAndGetsTheNewestApiVersion() throws IOException {
        FileUpgrade c = only(Mesh.planUpgrade(List.of(orders())), "orders-v1.yaml");
        assertThat(c.writable()).as(String.valueOf(c.problems())).isTrue();
        assertThat(c.fromVersion()).isEqualTo("v3.0.0");
        assertThat(c.toVersion()).isEqualTo("v3.1.0");
        assertThat(c.newText()).startsWith("""
                # Orders, as the order service writes them
                apiVersion: "v3.1.0"   # the version we started with
                kind: DataContract
                """);
        assertThat(c.newText()).contains("      - metric: rowCount   # keep this comment\n");
        assertThat(formatted(c)).contains("2:1: apiVersion: v3.0.0 -> apiVersion: v3.1.0");
    }

    @Test
    void aTeamListMovesUnderMembersWithItsComments() throws IOException {
        FileUpgrade p = only(Mesh.planUpgrade(List.of(orders())), "product.yaml");
        assertThat(p.writable()).as(String.valueOf(p.problems())).isTrue();
        assertThat(p.newText()).contains("""
                # who answers for it
                team:
                  members:
                    - username: asha.rao # the owner
                      role: owner

                    - username: tom.becker
                      role: data engineer
                description:
                """);
        assertThat(formatted(p))
                .containsExactly(
                        "1:1: apiVersion: v0.9.0 -> apiVersion: v1.0.0",
                        "9:1: team: a list of 2 member(s) -> team.members: that list",
                        "9:1: team: no team name (ODPS v0.9.0 has no field for it); needs a human: ODPS v1.0.0 names"
                                + " the owning team in team.name, which the upgrade cannot invent: add"
                                + " 'name: <owning team>' under 'team:'");
        assertThat(p.needingHuman()).extracting(UpgradeChange::path).containsExactly("team");
    }

    @Test
    void rulesBecomeMetricsAndExclusiveFlagsBecomeTheBound() throws IOException {
        FileUpgrade c = only(Mesh.planUpgrade(List.of(orders())), "orders-v1.yaml");
        assertThat(formatted(c))
                .containsExactly(
                        "2:1: apiVersion: v3.0.0 -> apiVersion: v3.1.0",
                        "20:9: schema[0].quality[0]: rule: rowCount -> metric: rowCount",
                        "26:13: schema[0].properties[0].quality[0]: rule: nullCheck -> metric: nullValues",
                        "32:11: schema[0].properties[1].logicalTypeOptions: exclusiveMaximum: true, maximum: 100"
                                + " -> exclusiveMaximum: 100",
                        "33:11: schema[0].properties[1].logicalTypeOptions: exclusiveMinimum: false"
                                + " -> removed (the default)",
                        "34:1: team: a list of 1 member(s) -> team.members: that list");
        assertThat(c.newText()).contains("""
                          - metric: nullValues
                            mustBe: 0
                """).contains("""
                        logicalTypeOptions:
                          exclusiveMaximum: 100
                team:
                  members:
                """);
    }

    @Test
    void upgradedDocumentsAreWrittenAndValidate() throws IOException {
        Path orders = orders();
        UpgradePlan plan = Mesh.planUpgrade(List.of(dir));
        assertThat(plan.summary(true)).isEqualTo("Would upgrade 2 file(s) to ODCS v3.1.0 / ODPS v1.0.0: 8 change(s)");
        Mesh.applyUpgrade(plan);
        assertThat(Files.readString(orders.resolve("product.yaml")))
                .isEqualTo(only(plan, "product.yaml").newText());
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors()).isEmpty();
        }
        assertThat(Mesh.planUpgrade(List.of(dir)).files()).isEmpty();
        assertThat(Mesh.planUpgrade(List.of(dir)).summary(false)).isEqualTo("0 file(s) to upgrade");
    }

    @Test
    void aFileAtTheNewestVersionIsLeftUntouched() throws IOException {
        Path orders = orders();
        String newest = CONTRACT_V300.replace("\"v3.0.0\"", "v3.1.0").replace("rule:", "metric:");
        Path contract = write("orders/contracts/orders-v1.yaml", newest);
        UpgradePlan plan = Mesh.planUpgrade(List.of(orders));
        assertThat(plan.files())
                .extracting(f -> f.file().getFileName().toString())
                .containsExactly("product.yaml");
        Mesh.applyUpgrade(plan);
        assertThat(Files.readString(contract)).isEqualTo(newest);
    }

    @Test
    void aRuleWithNoMetricNeedsAHumanAndTheRestIsUpgraded() throws IOException {
        Path orders = orders();
        write("orders/contracts/orders-v1.yaml", CONTRACT_V300.replace("rule: nullCheck", "rule: customerCheck"));
        FileUpgrade c = only(Mesh.planUpgrade(List.of(orders)), "orders-v1.yaml");
        assertThat(c.needingHuman())
                .extracting(UpgradeChange::format)
                .containsExactly(
                        "26:13: schema[0].properties[0].quality[0]: rule: customerCheck; needs a human: write 'metric:' with"
                                + " one of duplicateValues, invalidValues, missingValues, nullValues, rowCount, or make it a sql"
                                + " or custom rule");
        assertThat(c.writable()).isTrue();
        assertThat(c.newText()).contains("apiVersion: \"v3.1.0\"").contains("- rule: customerCheck\n");
    }

    @Test
    void aFileWhoseUpgradeWouldNotValidateIsNeverWritten() throws IOException {
        Path orders = orders();
        // v3.0.x accepts keys it does not know at the top level; v3.1.0 does not
        String text = CONTRACT_V300.replace("status: active\n", "status: active\nowner: sales\n");
        Path contract = write("orders/contracts/orders-v1.yaml", text);
        UpgradePlan plan = Mesh.planUpgrade(List.of(orders));
        FileUpgrade c = only(plan, "orders-v1.yaml");
        assertThat(c.writable()).isFalse();
        assertThat(c.problems())
                .extracting(d -> d.location().line() + " " + d.message())
                .anySatisfy(m -> assertThat(m).startsWith("7 Cannot upgrade orders-v1.yaml to ODCS v3.1.0: "));
        assertThat(plan.blocked()).containsExactly(c);
        Mesh.applyUpgrade(plan);
        assertThat(Files.readString(contract)).isEqualTo(text);
        assertThat(Files.readString(orders.resolve("product.yaml"))).contains("apiVersion: v1.0.0");
    }

    @Test
    void aFileThatCannotBeUpgradedIsCountedAndLocatedWhereItIsOnDisk() throws IOException {
        Path orders = orders();
        // a member without username, which v3.1.0 requires: in the upgraded text the member moved two columns right
        String text = CONTRACT_V300
                .replace("rule: nullCheck", "rule: customerCheck")
                .replace(
                        "team:\n  - username: asha.rao\n    role: owner\n",
                        "team:\n  - name: Asha Rao\n    role: owner\n");
        Path contract = write("orders/contracts/orders-v1.yaml", text);
        FileUpgrade c = only(Mesh.planUpgrade(List.of(orders)), "orders-v1.yaml");
        UpgradePlan plan = new UpgradePlan(List.of(c), "v1.0.0", "v3.1.0");

        assertThat(c.writable()).isFalse();
        assertThat(c.needingHuman())
                .extracting(UpgradeChange::format)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("26:13: schema[0].properties[0].quality[0]: rule: customerCheck; needs a human: ");
        String[] onDisk = text.split("\n", -1);
        // named as on disk (team[0]), not as the upgraded text would have it (team.members[0])
        assertThat(c.problems()).singleElement().satisfies(d -> {
            assertThat(d.message())
                    .isEqualTo("Cannot upgrade orders-v1.yaml to ODCS v3.1.0: Cannot read contract: 'team[0]' is"
                            + " missing required field 'username'");
            assertThat(d.location().pointer()).isEqualTo("/team/0");
            assertThat(d.location().file()).isEqualTo(contract);
        });
        assertThat(c.problems()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.location().line()).as(d.format()).isEqualTo(35);
            // the member's mapping starts at column 5 of line 35 on disk ("  - name: Asha Rao"), 7 in the new text
            assertThat(onDisk[34].substring(d.location().column() - 1))
                    .as(d.format())
                    .startsWith("name: Asha Rao");
        });
        assertThat(plan.summary(false)).isEqualTo("1 file(s) to upgrade, none written: 1 cannot be upgraded");
        assertThat(plan.summary(true)).isEqualTo("1 file(s) to upgrade, none would be written: 1 cannot be upgraded");
        Mesh.applyUpgrade(plan);
        assertThat(Files.readString(contract)).isEqualTo(text);
    }

    @Test
    void aMemberOfATeamWrittenAsAFlowListIsLocatedWhereItIsWrittenOnDisk() throws IOException {
        Path orders = orders();
        // the list moves to a line of its own under 'members:' in the upgraded text; on disk it follows 'team:'
        String text = CONTRACT_V300.replace(
                "team:\n  - username: asha.rao\n    role: owner\n", "team: [{name: Asha Rao, role: owner}]\n");
        Path contract = write("orders/contracts/orders-v1.yaml", text);
        FileUpgrade c = only(Mesh.planUpgrade(List.of(orders)), "orders-v1.yaml");

        assertThat(c.problems()).singleElement().satisfies(d -> {
            assertThat(d.location().file()).isEqualTo(contract);
            assertThat(d.location().line()).isEqualTo(34);
            assertThat(text.split("\n", -1)[33].substring(d.location().column() - 1))
                    .as(d.format())
                    .startsWith("{name: Asha Rao, role: owner}]");
            assertThat(d.message()).contains("'team[0]' is missing required field 'username'");
        });
    }

    @Test
    void theSummaryCountsTheFilesThatCannotBeUpgradedBesideTheUpgradedOnes() throws IOException {
        Path orders = orders();
        write(
                "orders/contracts/orders-v1.yaml",
                CONTRACT_V300.replace("status: active\n", "status: active\nowner: x\n"));
        UpgradePlan plan = Mesh.planUpgrade(List.of(orders));

        assertThat(plan.summary(false))
                .isEqualTo("Upgraded 1 file(s) to ODCS v3.1.0 / ODPS v1.0.0: 2 change(s); 1 file(s) cannot be upgraded"
                        + " and stay as they are");
    }

    @Test
    void applyingRefusesAFileChangedSinceThePlan() throws IOException {
        Path orders = orders();
        UpgradePlan plan = Mesh.planUpgrade(List.of(orders));
        Files.writeString(orders.resolve("product.yaml"), PRODUCT_V090 + "tags: [late]\n");
        assertThatThrownBy(() -> Mesh.applyUpgrade(plan))
                .isInstanceOf(MeshException.class)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STALE_PLAN))
                .hasMessageContaining("the file changed since the upgrade was planned; plan the upgrade again");
        assertThat(Files.readString(orders.resolve("contracts/orders-v1.yaml"))).isEqualTo(CONTRACT_V300);
    }

    Mesh mesh() {
        InMemoryStorage storage = new InMemoryStorage();
        InMemoryRegistry registry = new InMemoryRegistry();
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .user("tester")
                .build();
    }
}
