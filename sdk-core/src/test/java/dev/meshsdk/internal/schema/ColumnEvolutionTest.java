package dev.meshsdk.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column-evolution rules on two stores that differ only where stores do: which types widen, whether NOT NULL can
 * be dropped in place, how names compare, whether the classification is held apart. The stores here are plain
 * descriptions (only {@code int} to {@code bigint} widens); the Delta and JDBC adapters test the rules with their own.
 */
class ColumnEvolutionTest {
    private static final ColumnEvolution.Store LAKE = new ColumnEvolution.Store(
            "Lake", (from, to) -> from.equals("int") && to.equals("bigint"), true, true, true);
    private static final ColumnEvolution.Store WAREHOUSE = new ColumnEvolution.Store(
            "Warehouse", (from, to) -> from.equals("int") && to.equals("bigint"), false, false, false);

    private static Column column(String name, String type, boolean nullable, String classification) {
        return new Column(name, type, null, nullable, null, classification);
    }

    private static List<String> plan(List<Column> found, List<Column> wanted, ColumnEvolution.Store store) {
        return ColumnEvolution.plan("t", found, wanted, store, "bump it", c -> null).stream()
                .map(c -> c.symbol() + " " + c.summary())
                .toList();
    }

    @Test
    void theSameChangesAreAllowedAndRefusedOnEveryStore() {
        List<Column> found = List.of(
                column("id", "int", false, null),
                column("code", "string", true, null),
                column("old", "string", true, null));
        List<Column> wanted = List.of(
                column("id", "bigint", false, null),
                column("code", "int", false, null),
                column("note", "string", true, null),
                column("must", "string", false, null));

        for (ColumnEvolution.Store store : List.of(LAKE, WAREHOUSE)) {
            assertThat(plan(found, wanted, store))
                    .as(store.name())
                    .containsExactly(
                            "~ alter column t.id type int -> bigint",
                            "! refused on t: column 'code' is string in the table but the contract wants int, which is not a"
                                    + " compatible widening (changed in the contract, or by hand); bump it",
                            "! refused on t: column 'code' is nullable in the table but the contract makes it required;"
                                    + " existing rows may hold nulls; keep it optional, or bump it",
                            "+ add column t.note string",
                            "! refused on t: new column 'must' is required, and the rows already in the table have no value"
                                    + " for it; make it optional, or bump it",
                            "! refused on t: column 'old' (string) is in the table but not in the contract (dropped or renamed"
                                    + " in the contract, or added by hand); put it back in the contract, drop it by hand if it"
                                    + " was added by hand, or bump it");
        }
    }

    @Test
    void whatDiffersIsWhatTheStoreCanDo() {
        List<Column> found = List.of(column("ID", "int", false, null));
        List<Column> wanted = List.of(column("id", "int", true, "restricted"));

        assertThat(plan(found, wanted, LAKE)).containsExactly("~ alter column t.id drop not null");
        assertThat(plan(found, List.of(column("ID", "int", true, "restricted")), WAREHOUSE))
                .containsExactly(
                        "! refused on t: column 'ID' is NOT NULL and Warehouse cannot drop NOT NULL in place; bump it");
        assertThat(ColumnEvolution.plan("t", found, wanted, WAREHOUSE, "bump it", c -> null))
                .as("names compare exactly")
                .hasSize(2)
                .last()
                .isInstanceOfSatisfying(
                        Change.Refused.class, r -> assertThat(r.droppedColumn()).isEqualTo("ID"));
        assertThat(ColumnEvolution.unchanged(
                        column("id", "int", true, null), column("id", "int", true, "restricted"), WAREHOUSE))
                .as("a classification the store keeps in the comment only")
                .isTrue();
    }

    @Test
    void aColumnTheTableCannotDropIsRefusedWithoutNamingIt() {
        Change refused = ColumnEvolution.plan(
                        "t",
                        List.of(column("day", "date", true, null)),
                        List.of(),
                        LAKE,
                        "bump it",
                        c -> "it is a partition column")
                .get(0);

        assertThat(refused).isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isNull();
            assertThat(r.hint()).endsWith("or bump it; it is a partition column");
        });
    }

    @Test
    void aDecimalWidensWhenNeitherScaleNorIntegerDigitsShrink() {
        assertThat(ColumnEvolution.decimalWidens(12, 2, 14, 2)).isTrue();
        assertThat(ColumnEvolution.decimalWidens(12, 2, 13, 3)).isTrue();
        assertThat(ColumnEvolution.decimalWidens(12, 2, 12, 3))
                .as("one integer digit fewer")
                .isFalse();
        assertThat(ColumnEvolution.decimalWidens(12, 2, 14, 1))
                .as("a smaller scale")
                .isFalse();
    }
}
