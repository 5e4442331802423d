package dev.meshsdk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.atIndex;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.internal.usage.PortReads;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageState;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default pack's breaking-change rule weighed by use: the denial names who is affected, and the opt-in
 * {@code mesh.breaking.allowUnreadColumnDrops} turns the drop of a column nobody read in 90 days into a warning and an
 * allowance ({@code allow_column_drop}) the engine plans the drop from.
 * The usage each input carries is laid out by {@link PortReads#policyInput}, as the SDK hands it to policies.
 */
class BreakingByUsagePackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private static final String ALLOW = "mesh:\n  breaking:\n    allowUnreadColumnDrops: true\n";
    private static final String DROP = """
            {"kind": "refused", "target": "orders", "droppedColumn": "coupon",
             "reason": "column 'coupon' (text) is in the table but not in the contract"}""";

    @TempDir
    Path dir;

    private PolicyEngine engine(boolean allowUnreadDrops) throws IOException {
        Path policies = Files.createDirectories(dir.resolve(allowUnreadDrops ? "allow" : "default"));
        if (allowUnreadDrops) Files.writeString(policies.resolve("settings.yaml"), ALLOW);
        return new RegoPolicyEngineFactory()
                .create(new AdapterContext(
                        "dev",
                        dir,
                        Map.of("mesh.policy.directory", policies.getFileName().toString()),
                        null,
                        null,
                        null));
    }

    /** Day rows over the last {@code observed} days, no reads but those given (reader, reads, days ago). */
    private static List<UsageDay> days(int observed, Object... reads) {
        List<UsageDay> out = new ArrayList<>();
        for (int ago = observed - 1; ago >= 0; ago--)
            out.add(UsageDay.zero("dev", "orders", "orders", TODAY.minusDays(ago)));
        for (int i = 0; i < reads.length; i += 3) {
            LocalDate day = TODAY.minusDays((Integer) reads[i + 2]);
            long n = (Integer) reads[i + 1];
            out.add(new UsageDay(
                    "dev",
                    "orders",
                    "orders",
                    day,
                    n,
                    Map.of((String) reads[i], n),
                    day.atTime(9, 30).toInstant(java.time.ZoneOffset.UTC),
                    -1));
        }
        return out;
    }

    private static PolicyInput planned(String change, PortReads usage) throws IOException {
        return planned(change, usage, "coupon");
    }

    private static PolicyInput planned(String change, PortReads usage, String column) throws IOException {
        return planned(change, usage, column, null);
    }

    /** {@code consumers}: the port's consumer products as the SDK lays them out; null leaves the field out. */
    private static PolicyInput planned(
            String change, PortReads usage, String column, List<Map<String, Object>> consumers) throws IOException {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("port", "orders");
        port.put("contractId", "orders-contract");
        port.put("contractVersion", "1.1.0");
        port.put("deployedContractVersion", "1.0.0");
        port.put("serverType", "postgres");
        port.put("address", "shop.public.orders");
        port.put("exists", true);
        port.put("changes", List.of(JSON.readValue(change, new TypeReference<Map<String, Object>>() {})));
        if (usage != null) port.put("usage", usage.policyInput(Set.of(column)));
        if (consumers != null) port.put("consumers", consumers);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "plan");
        doc.put("environment", "dev");
        doc.put(
                "product",
                Map.of(
                        "id",
                        "orders",
                        "status",
                        "active",
                        "team",
                        Map.of("name", "sales"),
                        "description",
                        Map.of("purpose", "Orders")));
        doc.put("contracts", List.of());
        doc.put("deployed", null);
        doc.put("plan", Map.of("ports", List.of(port)));
        // Through JSON, as an OPA server would get it, so that only plain values reach the policies.
        return new PolicyInput(
                JSON.readValue(JSON.writeValueAsString(doc), new TypeReference<Map<String, Object>>() {}));
    }

    private static List<String> findings(PolicyEngine engine, PolicyInput in, Severity severity) {
        return engine.evaluate(in).findings().stream()
                .filter(f -> f.rule().startsWith("mesh.governance.breaking."))
                .filter(f -> f.severity() == severity)
                .map(PolicyFinding::message)
                .toList();
    }

    @Test
    void theDenialSaysWhoReadThePortInTheLast30Days() throws IOException {
        PortReads read = PortReads.of(days(90, "analytics", 7, 1, "finance", 3, 2, "bi", 1, 20, "ops", 4, 45), TODAY);
        try (PolicyEngine engine = engine(false)) {
            assertThat(findings(engine, planned(DROP, read), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("output port 'orders' would break its consumers (column 'coupon' (text) is in the table")
                    .contains("affected: 3 readers in the last 30 days: analytics, finance, bi; last read"
                            + " 2026-12-05T09:30:00Z; raise the contract's major version (to 2.0.0)");
        }
    }

    @Test
    void noReadsRecordedIsToldApartFromNoUsageCollected() throws IOException {
        try (PolicyEngine engine = engine(false)) {
            assertThat(findings(engine, planned(DROP, PortReads.of(days(12), TODAY)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no reads recorded in the last 30 days (usage collected on 12 of"
                            + " them); raise");
            assertThat(findings(engine, planned(DROP, PortReads.of(List.of(), TODAY)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no usage collected; raise");
            // An input built without usage (an older SDK, a hand-written test) reads the same.
            assertThat(findings(engine, planned(DROP, null), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no usage collected; raise");
        }
    }

    @Test
    void aPlatformCanAllowDroppingAColumnNobodyReadIn90DaysWithAWarning() throws IOException {
        PortReads unread = PortReads.of(days(90), TODAY);
        try (PolicyEngine allowing = engine(true);
                PolicyEngine strict = engine(false)) {
            assertThat(findings(allowing, planned(DROP, unread), Severity.ERROR))
                    .isEmpty();
            assertThat(findings(allowing, planned(DROP, unread), Severity.WARNING))
                    .containsExactly(
                            "output port 'orders' drops column 'coupon' under contract 'orders-contract' 1.1.0 without a new"
                                    + " major version: nobody read it in the last 90 days, so the policies allow it"
                                    + " (mesh.breaking.allowUnreadColumnDrops) and the deploy drops it with its data");
            // The same rule tells the engine which column the plan may drop.
            assertThat(allowing.evaluate(planned(DROP, unread)).allowedDrops())
                    .containsExactly(new AllowedColumnDrop("orders", "orders", "coupon", "nobody read it in 90 days"));
            // Off by default.
            assertThat(findings(strict, planned(DROP, unread), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no reads recorded in the last 30 days; raise");
            assertThat(strict.evaluate(planned(DROP, unread)).allowedDrops()).isEmpty();
        }
    }

    @Test
    void aDottedMeshKeyInPolicyDataIsOneKeyAndWarnsAtItsLineWithTheNestedForm() throws IOException {
        Path policies = Files.createDirectories(dir.resolve("dotted"));
        Files.writeString(
                policies.resolve("settings.yaml"),
                "teams: {}\n# as the README once read\nmesh.breaking.allowUnreadColumnDrops: true\n");
        Files.writeString(policies.resolve("teams.json"), "{\"mesh.teams\": {\"sales\": {\"buckets\": [\"b\"]}}}");
        PortReads unread = PortReads.of(days(90), TODAY);
        try (PolicyEngine engine = new RegoPolicyEngineFactory()
                .create(new AdapterContext("dev", dir, Map.of("mesh.policy.directory", "dotted"), null, null, null))) {
            // Nothing is allowed: the policies read data.mesh.breaking.allowUnreadColumnDrops, which stays unset.
            assertThat(engine.evaluate(planned(DROP, unread)).allowedDrops()).isEmpty();
            assertThat(engine.evaluate(planned(DROP, unread)).findings().stream()
                            .filter(f ->
                                    f.severity() == Severity.WARNING && f.rule().equals("policy-data"))
                            .toList())
                    .hasSize(2)
                    .satisfies(f -> assertThat(f.message()).contains("'mesh.teams' is read as one key"), atIndex(1))
                    .first()
                    .satisfies(f -> {
                        assertThat(f.location().file()).isEqualTo(policies.resolve("settings.yaml"));
                        assertThat(f.location().line()).isEqualTo(3);
                        assertThat(f.location().column()).isEqualTo(1);
                        assertThat(f.message())
                                .contains("'mesh.breaking.allowUnreadColumnDrops' is read as one key with dots")
                                .endsWith("write it nested instead, as in the lines below:\nmesh:\n  breaking:\n"
                                        + "    allowUnreadColumnDrops: true");
                    });
        }
        // The nested form (the README's) warns nothing.
        try (PolicyEngine allowing = engine(true)) {
            assertThat(allowing.evaluate(planned(DROP, unread)).findings())
                    .noneMatch(f -> f.rule().equals("policy-data"));
        }
    }

    @Test
    void anUnknownKeyUnderMeshBreakingWarnsAtItsLineWithTheNearestAndTheKnownKeys() throws IOException {
        Path policies = Files.createDirectories(dir.resolve("misspelt"));
        Files.writeString(policies.resolve("settings.yaml"), "mesh:\n  breaking:\n    allowUnreadColumnsDrop: true\n");
        try (PolicyEngine engine = new RegoPolicyEngineFactory()
                .create(new AdapterContext(
                        "dev", dir, Map.of("mesh.policy.directory", "misspelt"), null, null, null))) {
            assertThat(engine.evaluate(planned(DROP, PortReads.of(days(90), TODAY))).findings().stream()
                            .filter(f -> f.rule().equals("policy-data"))
                            .toList())
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.WARNING);
                        assertThat(f.location().line()).isEqualTo(3);
                        assertThat(f.location().column()).isEqualTo(5);
                        assertThat(f.message())
                                .isEqualTo(
                                        "policy data key 'mesh.breaking.allowUnreadColumnsDrop' is not one the"
                                                + " policies read, so it changes nothing; perhaps you meant"
                                                + " 'allowUnreadColumnDrops'; the keys of mesh.breaking: allowUnreadColumnDrops");
                    });
        }
    }

    @Test
    void theDropIsStillDeniedWithoutNinetyDaysOfUsageOrWhenThePortWasRead() throws IOException {
        try (PolicyEngine engine = engine(true)) {
            // Never collected: nobody can say the column is unread, and the denial says so.
            assertThat(findings(engine, planned(DROP, PortReads.of(List.of(), TODAY)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no usage collected; mesh.breaking.allowUnreadColumnDrops does not apply: no"
                            + " usage was collected on the port, so nobody can tell that column 'coupon' is unread;"
                            + " run mesh:usage-collect daily; raise");
            assertThat(engine.evaluate(planned(DROP, PortReads.of(List.of(), TODAY)))
                            .allowedDrops())
                    .isEmpty();
            assertThat(findings(engine, planned(DROP, null), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("does not apply: no usage was collected on the port");
            // Collected on 89 of the 90 days only.
            assertThat(findings(engine, planned(DROP, PortReads.of(days(89), TODAY)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("; mesh.breaking.allowUnreadColumnDrops does not apply: usage was collected on 89 of"
                            + " the last 90 days, not on each of them, so nobody can tell that column 'coupon' is"
                            + " unread; raise");
            // The port was read 60 days ago; which columns is not known, so the column counts as read.
            assertThat(engine.evaluate(planned(DROP, PortReads.of(days(90, "bi", 1, 60), TODAY)))
                            .allowedDrops())
                    .isEmpty();
            assertThat(findings(engine, planned(DROP, PortReads.of(days(90, "bi", 1, 60), TODAY)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: no reads recorded in the last 30 days; last read")
                    .contains("; mesh.breaking.allowUnreadColumnDrops does not apply: the port was read in the last 90"
                            + " days and not every read told its columns, so nobody can tell that column 'coupon' is"
                            + " unread; raise");
            // Another refusal is not a drop, whatever the usage.
            String narrowed = "{\"kind\": \"refused\", \"target\": \"orders\", \"reason\": \"column 'qty' narrows\"}";
            assertThat(findings(engine, planned(narrowed, PortReads.of(days(90), TODAY)), Severity.ERROR))
                    .hasSize(1);
        }
    }

    /**
     * 90 daily collections through the registry's rollup ({@link UsageRollup}) of two statements' counters that tell
     * their columns, as the PostgreSQL collector reports them: analytics reads order_id and channel 2 times a day, bi
     * reads order_id once a day. Nobody reads coupon.
     */
    private static PortReads readByColumn() {
        return PortReads.of(readByColumnDays(), TODAY);
    }

    private static List<UsageDay> readByColumnDays() {
        UsageState state = UsageState.empty();
        Map<LocalDate, UsageDay> days = new java.util.TreeMap<>();
        String address = "postgresql://db:5432/shop/public.orders";
        for (int i = 0; i <= 90; i++) {
            Instant at = TODAY.minusDays(90 - i).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
            UsageRollup.Result r = UsageRollup.apply(
                    state,
                    new UsageUpdate(
                            "dev",
                            "orders",
                            at,
                            Map.of(address, "orders"),
                            Set.of("orders"),
                            Set.of("postgres"),
                            List.of(
                                    new CounterSnapshot(
                                            address,
                                            "postgres",
                                            "statement:analytics:1",
                                            "analytics",
                                            2L * i,
                                            null,
                                            Set.of("order_id", "channel")),
                                    new CounterSnapshot(
                                            address,
                                            "postgres",
                                            "statement:bi:2",
                                            "bi",
                                            i,
                                            null,
                                            Set.of("order_id")))));
            state = r.state();
            r.additions().forEach(d -> days.merge(d.day(), d, UsageDay::plus));
        }
        return List.copyOf(days.values());
    }

    @Test
    void onAReadPortAColumnNobodyReadIn90DaysMayBeDroppedAndAReadOneIsDeniedNamingItsReaders() throws IOException {
        PortReads read = readByColumn();
        assertThat(read.last30().reads()).as("the port is read every day").isEqualTo(90);
        String dropChannel = DROP.replace("coupon", "channel");
        try (PolicyEngine engine = engine(true)) {
            assertThat(findings(engine, planned(DROP, read), Severity.ERROR)).isEmpty();
            assertThat(findings(engine, planned(DROP, read), Severity.WARNING))
                    .singleElement()
                    .asString()
                    .startsWith("output port 'orders' drops column 'coupon' under contract 'orders-contract' 1.1.0"
                            + " without a new major version: nobody read it in the last 90 days");
            assertThat(engine.evaluate(planned(DROP, read)).allowedDrops())
                    .containsExactly(new AllowedColumnDrop("orders", "orders", "coupon", "nobody read it in 90 days"));

            assertThat(engine.evaluate(planned(dropChannel, read, "channel")).allowedDrops())
                    .isEmpty();
            assertThat(findings(engine, planned(dropChannel, read, "channel"), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("would break its consumers (column 'channel' (text) is in the table")
                    .contains("affected: column 'channel': 1 reader in the last 30 days: analytics; last read"
                            + " 2026-12-06T12:00:00Z; port: 2 readers in the last 30 days: analytics, bi; last read"
                            + " 2026-12-06T12:00:00Z; mesh.breaking.allowUnreadColumnDrops does not apply: column"
                            + " 'channel' was read in the last 90 days by analytics; last read 2026-12-06T12:00:00Z;"
                            + " raise the contract's major version (to 2.0.0)");
        }
    }

    @Test
    void oneReadWhoseColumnsAreNotToldKeepsEveryColumnRead() throws IOException {
        List<UsageDay> days = new ArrayList<>(readByColumnDays());
        // and one read 40 days ago that did not tell its columns (an object read of the table's files, say)
        String address = "s3://bucket/orders/";
        days.addAll(UsageRollup.apply(
                        UsageState.empty(),
                        new UsageUpdate(
                                "dev",
                                "orders",
                                TODAY.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC),
                                Map.of(address, "orders"),
                                Set.of(),
                                Set.of("s3"),
                                List.of(new ReadEvent(
                                        address,
                                        "s3",
                                        "ops",
                                        null,
                                        TODAY.minusDays(40).atTime(9, 30).toInstant(java.time.ZoneOffset.UTC)))))
                .additions());
        PortReads untold = PortReads.of(days, TODAY);
        assertThat(untold.columnsKnown()).isFalse();
        try (PolicyEngine engine = engine(true)) {
            assertThat(engine.evaluate(planned(DROP, untold)).allowedDrops()).isEmpty();
            assertThat(findings(engine, planned(DROP, untold), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: 2 readers in the last 30 days: analytics, bi; last read 2026-12-06T12:00:00Z;"
                            + " mesh.breaking.allowUnreadColumnDrops does not apply: the port was read in the last 90"
                            + " days and not every read told its columns, so nobody can tell that column 'coupon' is"
                            + " unread; raise");
        }
    }

    @Test
    void aRefusedChangeThatDropsNoColumnHasNoAllowanceClauseAndNamesNoNullColumn() throws IOException {
        String retype = """
                {"kind": "refused", "target": "orders", "droppedColumn": null,
                 "reason": "column 'amount' is numeric(12,2) in the table but the contract wants numeric(8,2), which is not a compatible widening"}""";
        PortReads read = PortReads.of(days(90, "alice", 3, 1, "bob", 2, 2), TODAY);
        try (PolicyEngine engine = engine(true)) {
            assertThat(findings(engine, planned(retype, read, "amount"), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .contains("affected: 2 readers in the last 30 days: alice, bob; last read 2026-12-05T09:30:00Z;"
                            + " raise the contract's major version (to 2.0.0)")
                    .doesNotContain("allowUnreadColumnDrops")
                    .doesNotContain("'null'");
        }
    }

    @Test
    void aBreakOfAPortWithNoConsumerAndNoReadsIsWordedForThatAndConsumersAreNamedWithTheirTeams() throws IOException {
        PortReads unread = PortReads.of(days(90), TODAY);
        try (PolicyEngine engine = engine(false)) {
            assertThat(findings(engine, planned(DROP, unread, "coupon", List.of()), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .startsWith("output port 'orders' breaks its contract (column 'coupon' (text) is in the table")
                    .contains("affected: no reads recorded in the last 30 days; no consumer is known (no product of"
                            + " the registry consumes the port), but the change still breaks the contract under the same major version, which any reader may rely on;"
                            + " raise the contract's major version (to 2.0.0)")
                    .doesNotContain("would break its consumers");
            Map<String, Object> churn = new LinkedHashMap<>();
            churn.put("product", "churn");
            churn.put("team", "data-science");
            Map<String, Object> bi = new LinkedHashMap<>();
            bi.put("product", "bi");
            bi.put("team", null);
            assertThat(findings(engine, planned(DROP, unread, "coupon", List.of(bi, churn)), Severity.ERROR))
                    .singleElement()
                    .asString()
                    .startsWith("output port 'orders' would break its consumers (column 'coupon'")
                    .contains("affected: no reads recorded in the last 30 days; consumer products: 'bi', 'churn'"
                            + " (team data-science); raise the contract's major version (to 2.0.0)");
        }
    }
}
