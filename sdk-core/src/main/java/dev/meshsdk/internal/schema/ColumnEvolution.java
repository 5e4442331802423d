package dev.meshsdk.internal.schema;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The one set of column-evolution rules every store's planner follows (the Delta stores and the JDBC stores): what
 * may change in place and what breaks readers or data. A new optional column is added; a wider type, a required
 * column becoming optional (where the store can) and a new comment or classification are altered in place; a new
 * required column, a narrower or other type, an optional column becoming required and a column the contract no
 * longer has are {@link Change.Refused} with the caller's hint (provision the next major version beside the table).
 * Every refusal of a column is listed, and a refused column is never altered as well: a plan holding a refusal is not
 * deployed, so it shows no change that would never be made. Each store says, on its own type names, which type
 * changes are widenings ({@link Store}).
 *
 * <p>Public only so that the SDK's storage adapters (other modules) plan by the same rules; not an API for users.
 */
public final class ColumnEvolution {
    private ColumnEvolution() {}

    /**
     * What one store can change in place.
     *
     * @param name                for messages: {@code Delta}, {@code PostgreSQL}, {@code Redshift}
     * @param widening            whether a column of type {@code from} (the store's type text) may become {@code to}
     *                            in place without losing data; only asked for two different types
     * @param relaxesNotNull      whether a required column can become optional in place
     * @param namesIgnoreCase     whether column names compare ignoring case (Delta) or exactly (quoted SQL names)
     * @param holdsClassification whether the table keeps a column's classification apart from its comment (else a
     *                            classification change shows as a comment change, or not at all)
     */
    public record Store(
            String name,
            BiPredicate<String, String> widening,
            boolean relaxesNotNull,
            boolean namesIgnoreCase,
            boolean holdsClassification) {
        public Store {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(widening, "widening");
        }
    }

    /**
     * The changes from the table's columns ({@code found}) to the contract's ({@code wanted}), the wanted columns in
     * contract order, then the columns the contract no longer has in table order. A column missing from the contract
     * is refused naming it ({@link Change.Refused#droppedColumn()}), so that the policies may let the engine drop it,
     * only when {@code cannotDrop} gives null for it; else its answer (why the table cannot drop it) ends the hint.
     */
    public static List<Change> plan(
            String target,
            List<Column> found,
            List<Column> wanted,
            Store store,
            String hint,
            Function<String, String> cannotDrop) {
        List<Change> changes = new ArrayList<>();
        Map<String, Column> actual = new LinkedHashMap<>();
        for (Column c : found) actual.put(key(store, c.name()), c);
        for (Column c : wanted) {
            Column a = actual.remove(key(store, c.name()));
            if (a == null) {
                changes.add(
                        c.nullable()
                                ? new Change.AddColumn(target, c)
                                : new Change.Refused(
                                        target,
                                        "new column '" + c.name()
                                                + "' is required, and the rows already in the table have no value for it",
                                        "make it optional, or " + hint));
                continue;
            }
            List<Breaking> breaking = breaking(a, c, store);
            for (Breaking b : breaking) changes.add(new Change.Refused(target, b.reason(), b.hint(hint)));
            if (breaking.isEmpty() && !unchanged(a, c, store)) changes.add(new Change.AlterColumn(target, a, c));
        }
        for (Column a : actual.values()) {
            String why = cannotDrop.apply(a.name());
            changes.add(new Change.Refused(
                    target,
                    "column '" + a.name() + "' (" + a.type() + ") is in the table but"
                            + " not in the contract (dropped or renamed in the contract, or added by hand)",
                    "put it back in the" + " contract, drop it by hand if it was added by hand, or " + hint
                            + (why == null ? "" : "; " + why),
                    why == null ? a.name() : null));
        }
        return changes;
    }

    /**
     * Why changing column {@code from} (the table's) to {@code to} (the contract's) breaks readers or data, one reason
     * per rule it breaks; empty when it may change in place. Adapters ask again when applying, against the table as it
     * is then.
     */
    public static List<String> breakingReasons(Column from, Column to, Store store) {
        return breaking(from, to, store).stream().map(Breaking::reason).toList();
    }

    /** Whether the table's column already is what the contract wants, as far as the store holds it. */
    public static boolean unchanged(Column found, Column wanted, Store store) {
        return found.type().equals(wanted.type())
                && found.nullable() == wanted.nullable()
                && Objects.equals(found.comment(), wanted.comment())
                && (!store.holdsClassification() || Objects.equals(found.classification(), wanted.classification()));
    }

    /**
     * Whether a decimal of precision {@code p1} and scale {@code s1} may become one of {@code p2}, {@code s2} without
     * losing a value: neither the scale nor the integer digits shrink. The rule Delta's type widening and PostgreSQL's
     * {@code numeric} share.
     */
    public static boolean decimalWidens(int p1, int s1, int p2, int s2) {
        return s2 >= s1 && p2 - s2 >= p1 - s1;
    }

    private record Breaking(String reason, String hintPrefix) {
        String hint(String hint) {
            return hintPrefix + hint;
        }
    }

    private static List<Breaking> breaking(Column from, Column to, Store store) {
        List<Breaking> out = new ArrayList<>(2);
        if (!from.type().equals(to.type()) && !store.widening().test(from.type(), to.type())) {
            out.add(new Breaking(
                    "column '" + to.name() + "' is " + from.type() + " in the table but the contract wants " + to.type()
                            + ", which is not a compatible widening (changed in the contract, or by hand)",
                    ""));
        }
        if (from.nullable() && !to.nullable()) {
            out.add(new Breaking(
                    "column '" + to.name() + "' is nullable in the table but the contract makes it"
                            + " required; existing rows may hold nulls",
                    "keep it optional, or "));
        } else if (!from.nullable() && to.nullable() && !store.relaxesNotNull()) {
            out.add(new Breaking(
                    "column '" + to.name() + "' is NOT NULL and " + store.name() + " cannot drop NOT NULL"
                            + " in place",
                    ""));
        }
        return out;
    }

    private static String key(Store store, String name) {
        return store.namesIgnoreCase() ? name.toLowerCase(Locale.ROOT) : name;
    }
}
