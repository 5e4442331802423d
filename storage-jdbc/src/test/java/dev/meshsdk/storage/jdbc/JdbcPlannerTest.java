package dev.meshsdk.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner's decisions on given table states, without a database. The dialect here is a minimal one
 * (a test double: physical types taken as written, integer to bigint the only widening); the PostgreSQL
 * and Redshift modules test the planner again with their real dialects and servers.
 */
class JdbcPlannerTest {
    /** Minimal dialect: types as written (or the logical type), only integer to bigint widens. */
    private static final class PlainDialect extends SqlDialect {
        @Override
        public String name() {
            return "Plain";
        }

        @Override
        public String columnType(String table, SchemaProperty p) {
            return p.physicalType() != null ? p.physicalType() : p.logicalType();
        }

        @Override
        public boolean isWidening(String from, String to) {
            return from.equals(to) || (from.equals("integer") && to.equals("bigint"));
        }

        @Override
        public String stringLiteral(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        @Override
        public CatalogInspector inspector() {
            throw new UnsupportedOperationException("not used by the planner");
        }

        @Override
        protected String physical(String where, String written) {
            return written;
        }
    }

    private final SqlDialect dialect = new PlainDialect();
    private final JdbcPlanner planner = new JdbcPlanner(dialect);
    private final PortBinding binding =
            Fixtures.binding(Fixtures.ordersContract(), Fixtures.server("db", "plain", Map.of("schema", "sales")));

    private TableSpec spec(PortBinding b) {
        return TableSpecs.of(b, dialect).get(0);
    }

    /** The table as the standard contract creates it, with the given grants and owned grants. */
    private TableState deployed(PortBinding b, Set<AccessGrant> grants, Set<AccessGrant> owned) {
        TableSpec s = spec(b);
        return new TableState(s.name(), true, s.columns(), s.primaryKey(), s.comment(), grants, owned);
    }

    private static TableState withColumns(TableState t, List<Column> columns) {
        return new TableState(t.name(), true, columns, t.primaryKey(), t.comment(), t.grants(), t.owned());
    }

    private List<String> plan(PortBinding b, TableState found) {
        return planner.plan(b, List.of(spec(b)), found == null ? Map.of() : Map.of(found.name(), found)).stream()
                .map(c -> c.symbol() + " " + c.summary())
                .toList();
    }

    @Test
    void createsAnAbsentTableThenGrants() {
        PortBinding b = Fixtures.withAccess(binding, List.of(new AccessGrant("bi", "read")));

        List<Change> changes = planner.plan(b, List.of(spec(b)), Map.of());

        assertThat(changes)
                .extracting(Change::summary)
                .containsExactly("create orders (3 columns)", "grant read on orders to bi");
        Change.CreateTable create = (Change.CreateTable) changes.get(0);
        assertThat(create.primaryKey()).containsExactly("id");
        assertThat(create.comment()).endsWith("contract=orders-contract 1.0.0");
    }

    @Test
    void anUnchangedTableNeedsNothing() {
        assertThat(plan(binding, deployed(binding, Set.of(), Set.of()))).isEmpty();
    }

    @Test
    void addsNullableColumnsAndRefusesRequiredOnes() {
        PortBinding b = Fixtures.withContract(
                binding,
                Fixtures.withProperty(
                        Fixtures.withProperty(binding.contract(), "orders", Fixtures.property("note", "string")),
                        "orders",
                        Fixtures.property("region", "string", null, true, null, null)));

        assertThat(plan(b, deployed(binding, Set.of(), Set.of())))
                .containsExactly(
                        "+ add column orders.note string",
                        "! refused on orders: new column 'region' is required, and the rows already in the table have no value"
                                + " for it; make it optional, or publish it as contract version 2.0.0 to provision orders_v2"
                                + " beside the current table");
    }

    @Test
    void widensRelaxesAndRecommentsButRefusesNarrowingAndNewNotNull() {
        TableState found = deployed(binding, Set.of(), Set.of());
        List<Column> columns = new ArrayList<>(found.columns());
        columns.set(0, new Column("id", "integer", null, false, "Order identifier [classification: internal]", null));
        columns.set(1, new Column("name", "string", null, false, "old", null));
        columns.set(2, new Column("amount", "decimal(14,2)", null, true, "Order amount", null));

        assertThat(plan(binding, withColumns(found, columns)))
                .containsExactly(
                        "~ alter column orders.id type integer -> bigint",
                        "~ alter column orders.name drop not null comment",
                        "! refused on orders: column 'amount' is decimal(14,2) in the table but the contract wants"
                                + " decimal(12,2), which is not a compatible widening (changed in the contract, or by hand);"
                                + " publish it as contract version 2.0.0 to provision orders_v2 beside the current table");

        columns.set(0, new Column("id", "bigint", null, true, "Order identifier [classification: internal]", null));
        assertThat(plan(binding, withColumns(found, columns.subList(0, 1))))
                .first()
                .asString()
                .startsWith(
                        "! refused on orders: column 'id' is nullable in the table but the contract makes it required");
    }

    @Test
    void aColumnMissingFromTheContractIsRefusedAsDropOrDrift() {
        TableState found = deployed(binding, Set.of(), Set.of());
        List<Column> columns = new ArrayList<>(found.columns());
        columns.add(new Column("legacy", "string", null, true, null, null));

        assertThat(plan(binding, withColumns(found, columns)))
                .containsExactly("! refused on orders: column 'legacy'"
                        + " (string) is in the table but not in the contract (dropped or renamed in the"
                        + " contract, or added by hand); put it back in the contract, drop it by hand if it was added by hand,"
                        + " or publish it as contract version 2.0.0 to provision orders_v2 beside the current table");
        // Policies weigh a drop by the column's use, so the refusal names the dropped column.
        assertThat(planner.plan(binding, List.of(spec(binding)), Map.of(found.name(), withColumns(found, columns))))
                .filteredOn(c -> c instanceof dev.meshsdk.plan.Change.Refused)
                .extracting(c -> ((dev.meshsdk.plan.Change.Refused) c).droppedColumn())
                .containsExactly("legacy");
    }

    @Test
    void aNewMajorVersionIsANewTableBesideTheOld() {
        PortBinding v2 = Fixtures.withContract(
                binding, Fixtures.withVersion(Fixtures.withoutProperty(binding.contract(), "orders", "name"), "2.3.0"));

        assertThat(spec(v2).name()).isEqualTo("orders_v2");
        assertThat(plan(v2, null)).containsExactly("+ create orders_v2 (2 columns)");
    }

    @Test
    void aChangedCommentOrPrimaryKeyShowsUp() {
        TableState found = deployed(binding, Set.of(), Set.of());
        TableState drifted =
                new TableState("orders", true, found.columns(), List.of(), "edited by hand", Set.of(), Set.of());

        assertThat(plan(binding, drifted))
                .containsExactly(
                        "! refused on orders: the primary key is none in the table but the contract wants (id) (changed in"
                                + " the contract, or by hand); publish it as contract version 2.0.0 to provision orders_v2"
                                + " beside the current table",
                        "~ set properties on orders [comment]");
    }

    @Test
    void grantsWhatIsMissingOrNotOwnedAndRevokesOnlyWhatItOwns() {
        AccessGrant bi = new AccessGrant("bi", "read");
        AccessGrant etl = new AccessGrant("etl", "write");
        AccessGrant dba = new AccessGrant("dba_friend", "read");
        AccessGrant old = new AccessGrant("old_team", "read");
        PortBinding b = Fixtures.withAccess(binding, List.of(bi, etl));

        // bi: granted by hand before, not owned -> claimed; etl: missing; dba_friend: not ours; old_team: ours, gone.
        assertThat(plan(b, deployed(b, Set.of(bi, dba, old), Set.of(old))))
                .containsExactly(
                        "+ grant read on orders to bi",
                        "+ grant write on orders to etl",
                        "- revoke read on orders from old_team");
        assertThat(plan(b, deployed(b, Set.of(bi, etl, dba), Set.of(bi, etl)))).isEmpty();
    }

    @Test
    void uniqueConstraintDriftIsRefusedBothWaysAndUnknownUniquenessIsNotCompared() {
        SchemaProperty name = Fixtures.propertyOf(binding.contract(), "orders", "name");
        PortBinding b = Fixtures.withContract(
                binding,
                Fixtures.withProperty(
                        binding.contract(),
                        "orders",
                        new SchemaProperty(
                                name.id(),
                                name.name(),
                                name.physicalName(),
                                name.logicalType(),
                                name.physicalType(),
                                name.logicalTypeOptions(),
                                name.description(),
                                name.businessName(),
                                name.required(),
                                true,
                                name.primaryKey(),
                                name.primaryKeyPosition(),
                                name.partitioned(),
                                name.partitionKeyPosition(),
                                name.classification(),
                                name.tags(),
                                name.quality(),
                                name.properties(),
                                name.items(),
                                name.customProperties(),
                                name.extensions())));
        TableState t = deployed(b, Set.of(), Set.of());
        TableState noUnique =
                new TableState(t.name(), true, t.columns(), t.primaryKey(), t.comment(), Set.of(), Set.of(), List.of());
        TableState handMade = new TableState(
                t.name(),
                true,
                t.columns(),
                t.primaryKey(),
                t.comment(),
                Set.of(),
                Set.of(),
                List.of("amount", "name"));

        assertThat(plan(b, noUnique))
                .containsExactly("! refused on orders: column 'name' is unique in the contract"
                        + " but has no unique constraint in the table (added in the contract, or dropped by hand); existing"
                        + " rows may hold duplicates; check for duplicates and add the constraint by hand, or publish it as"
                        + " contract version 2.0.0 to provision orders_v2 beside the current table");
        assertThat(plan(b, handMade))
                .containsExactly("! refused on orders: column 'amount' has a unique constraint in"
                        + " the table that the contract does not declare (removed in the contract, or added by hand); mark it"
                        + " unique in the contract, drop the constraint by hand, or publish it as contract version 2.0.0 to"
                        + " provision orders_v2 beside the current table");
        assertThat(plan(
                        b,
                        new TableState(
                                t.name(),
                                true,
                                t.columns(),
                                t.primaryKey(),
                                t.comment(),
                                Set.of(),
                                Set.of(),
                                List.of("name"))))
                .isEmpty();
        assertThat(plan(b, t))
                .as("a store that does not report unique constraints")
                .isEmpty();
        assertThat(JdbcStorageAdapter.state(Map.of(t.name(), noUnique)).fingerprint())
                .isNotEqualTo(
                        JdbcStorageAdapter.state(Map.of(t.name(), handMade)).fingerprint());
    }
}
