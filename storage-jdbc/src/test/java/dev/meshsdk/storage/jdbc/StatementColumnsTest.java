package dev.meshsdk.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The columns of {@code public.orders (id, amount, coupon, "order", note)} a statement's text reads: never fewer than
 * it reads, and nothing (cannot tell) where the text does not say.
 */
class StatementColumnsTest {
    private static final List<String> COLUMNS = List.of("id", "amount", "coupon", "order", "note");
    private static final Set<String> ALL = Set.copyOf(COLUMNS);

    private static Set<String> read(String sql) {
        return StatementColumns.read(sql, "public", "orders", COLUMNS);
    }

    @Test
    void columnsNamedUnqualifiedOrByTheTableOrItsAlias() {
        assertThat(read("SELECT id, amount FROM orders WHERE id = $1")).containsExactlyInAnyOrder("id", "amount");
        assertThat(read("SELECT o.amount FROM public.orders o WHERE o.id = $1"))
                .containsExactlyInAnyOrder("amount", "id");
        assertThat(read("select O.AMOUNT from PUBLIC.ORDERS as O")).containsExactly("amount");
        assertThat(read("SELECT public.orders.coupon FROM public.orders")).containsExactly("coupon");
        assertThat(read("SELECT \"o\".\"amount\" FROM \"public\".\"orders\" AS \"o\""))
                .containsExactly("amount");
    }

    @Test
    void anAliasInAParenthesisedJoinIsTheTables() {
        assertThat(read("SELECT o.note FROM (public.orders o JOIN customers c ON c.id = o.id)"))
                .containsExactlyInAnyOrder("note", "id");
        // unqualified there, the table's name is taken for a whole row: more columns, never fewer
        assertThat(read("SELECT o.note FROM (orders o JOIN customers c ON c.id = o.id)"))
                .isEqualTo(ALL);
    }

    @Test
    void aColumnOfAnotherTablesAliasIsNotRead() {
        assertThat(read("SELECT c.amount, c.note FROM customers c JOIN orders o ON o.id = c.order_id"))
                .containsExactly("id");
        // unqualified, it may be either table's: counted
        assertThat(read("SELECT note FROM customers c JOIN orders o ON o.id = c.order_id"))
                .containsExactlyInAnyOrder("id", "note");
    }

    @Test
    void everyColumnForAStarTheTablesStarOrTheWholeRow() {
        assertThat(read("SELECT * FROM orders")).isEqualTo(ALL);
        assertThat(read("SELECT DISTINCT * FROM orders WHERE id > $1")).isEqualTo(ALL);
        assertThat(read("SELECT t.* FROM orders t JOIN customers c ON c.id = t.id"))
                .isEqualTo(ALL);
        assertThat(read("SELECT row_to_json(o) FROM orders o")).isEqualTo(ALL);
        assertThat(read("TABLE orders")).isEqualTo(ALL);
        assertThat(read("COPY public.orders TO STDOUT")).isEqualTo(ALL);
        assertThat(read("WITH x AS (SELECT amount FROM orders) SELECT * FROM x"))
                .isEqualTo(ALL);
        // c.* is another table's; a product is no star
        assertThat(read("SELECT c.*, o.amount * $1 FROM customers c JOIN orders o ON o.id = c.id"))
                .containsExactlyInAnyOrder("amount", "id");
        assertThat(read("COPY orders (id, note) TO STDOUT")).containsExactlyInAnyOrder("id", "note");
    }

    @Test
    void commentsAndStringsNamingAColumnAreNoRead() {
        assertThat(read("SELECT id /* amount, coupon */ FROM orders -- note\nWHERE id = 'coupon'"))
                .containsExactly("id");
        assertThat(read("SELECT id FROM orders WHERE id = E'it\\'s amount' OR id = 'a''note' OR id = $q$coupon$q$"))
                .containsExactly("id");
        assertThat(read("/* nested /* amount */ note */ SELECT id FROM orders")).containsExactly("id");
    }

    @Test
    void aColumnNamedLikeAKeyword() {
        assertThat(read("SELECT id FROM orders ORDER BY id")).containsExactly("id");
        assertThat(read("SELECT \"order\" FROM orders")).containsExactly("order");
        assertThat(read("SELECT o.order FROM orders o")).containsExactly("order");
    }

    @Test
    void cannotTellIsEmptyNeverFewerColumns() {
        assertThat(read("SELECT count(*) FROM orders")).isEmpty();
        assertThat(read("SELECT id FROM orders NATURAL JOIN customers")).isEmpty();
        assertThat(read("SELECT a FROM orders AS o(a, b)")).isEmpty();
        assertThat(read("SELECT id FROM orders WHERE note = 'unterminated")).isEmpty();
        assertThat(read("SELECT id /* unterminated FROM orders")).isEmpty();
        assertThat(read(null)).isEmpty();
    }
}
