package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.storage.postgres.PostgresStatementReads.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresStatementReadsTest {
    private static final Table ORDERS = new Table("sales", "orders");
    private static final Table ITEMS = new Table("sales", "items");
    private static final Table OTHER_ORDERS = new Table("archive", "orders");
    private static final List<Table> WATCHED = List.of(ORDERS, ITEMS);

    @Test
    void selectsAndJoinsReadEveryWatchedTableTheyName() {
        assertThat(PostgresStatementReads.reads("SELECT count(*) FROM sales.orders", WATCHED))
                .containsExactly(ORDERS);
        assertThat(PostgresStatementReads.reads(
                        "select o.id from \"sales\".\"orders\" o join sales.items i on"
                                + " i.order_id = o.id where o.id = $1",
                        WATCHED))
                .containsExactly(ORDERS, ITEMS);
        assertThat(PostgresStatementReads.reads("WITH x AS (SELECT * FROM sales.items) SELECT * FROM x", WATCHED))
                .containsExactly(ITEMS);
        assertThat(PostgresStatementReads.reads("/* report */ SELECT * FROM other.orders", WATCHED))
                .isEmpty();
    }

    @Test
    void anUnqualifiedNameCountsOnlyWhenItIsUnique() {
        assertThat(PostgresStatementReads.reads("SELECT * FROM orders", WATCHED))
                .containsExactly(ORDERS);
        assertThat(PostgresStatementReads.reads("SELECT * FROM orders", List.of(ORDERS, OTHER_ORDERS)))
                .isEmpty();
    }

    @Test
    void writesAndDefinitionsAreNoReadsButWhatTheyReadIs() {
        assertThat(PostgresStatementReads.reads("DELETE FROM sales.orders WHERE id = $1", WATCHED))
                .isEmpty();
        assertThat(PostgresStatementReads.reads("INSERT INTO sales.items SELECT * FROM sales.orders", WATCHED))
                .containsExactly(ORDERS);
        assertThat(PostgresStatementReads.reads("ALTER TABLE sales.orders ADD COLUMN x int", WATCHED))
                .isEmpty();
        assertThat(PostgresStatementReads.reads("VACUUM FULL sales.orders", WATCHED))
                .isEmpty();
        assertThat(PostgresStatementReads.reads("COPY sales.orders (id) FROM STDIN", WATCHED))
                .isEmpty();
        assertThat(PostgresStatementReads.reads("COPY sales.orders TO STDOUT", WATCHED))
                .containsExactly(ORDERS);
        assertThat(PostgresStatementReads.reads("TABLE sales.items", WATCHED)).containsExactly(ITEMS);
    }
}
