package dev.meshsdk.storage.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Delta column rules as policies see their refusals (a column dropped from the contract is named as such when the
 * table can drop it, and only then), and the schema each planned column change makes when applied.
 */
class DeltaColumnsTest {
    @Test
    void aColumnMissingFromTheContractIsARefusedDropNamingTheColumn() {
        Column id = new Column("id", "long", null, false, null, null);
        Column coupon = new Column("Coupon", "string", null, true, null, null);
        Column note = new Column("note", "string", null, true, null, null);

        List<Change> changes =
                DeltaColumns.plan("orders", List.of(id, coupon), List.of(id, note), "bump it", c -> null);

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(Change.AddColumn.class);
        assertThat(changes.get(1)).isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isEqualTo("Coupon");
            assertThat(r.reason()).startsWith("column 'Coupon' (string) is in the table but not in the contract");
        });
        // A type change is refused too, but it drops nothing.
        Column narrowed = new Column("id", "integer", null, false, null, null);
        assertThat(DeltaColumns.plan("orders", List.of(id), List.of(narrowed), "bump it", c -> null))
                .singleElement()
                .isInstanceOfSatisfying(
                        Change.Refused.class, r -> assertThat(r.droppedColumn()).isNull());
    }

    @Test
    void aColumnTheTableCannotDropIsRefusedWithoutNamingItAndSaysWhy() {
        Column id = new Column("id", "long", null, false, null, null);
        Column day = new Column("day", "date", null, true, null, null);
        java.util.Map<String, String> mapped = Map.of("delta.columnMapping.mode", "name");

        assertThat(DeltaColumns.cannotDrop(mapped, List.of(), "day")).isNull();
        assertThat(DeltaColumns.cannotDrop(mapped, List.of("Day"), "day"))
                .isEqualTo("it is a partition column, which cannot be dropped without rewriting the table");
        assertThat(DeltaColumns.cannotDrop(Map.of(), List.of(), "day"))
                .contains("drop it by hand with Spark (ALTER TABLE ... DROP COLUMN, after enabling column mapping)");
        List<Change> changes = DeltaColumns.plan(
                "orders",
                List.of(id, day),
                List.of(id),
                "bump it",
                c -> DeltaColumns.cannotDrop(mapped, List.of("day"), c));
        assertThat(changes).singleElement().isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isNull();
            assertThat(r.hint())
                    .isEqualTo(
                            "put it back in the contract, drop it by hand if it was added by hand, or"
                                    + " bump it; it is a partition column, which cannot be dropped without rewriting the table");
        });
    }

    private static final Column ID = new Column("id", "int", null, false, null, null);
    private static final Column NOTE = new Column("note", "string", null, true, "a note", null);

    private static StructType schema(Column... columns) {
        return new StructType(
                java.util.Arrays.stream(columns).map(DeltaTypes::field).toList());
    }

    @Test
    void everyBreakingChangeOfAColumnIsRefusedAndTheColumnIsNotAlteredBesides() {
        Column nullableInt = new Column("id", "int", null, true, "old", null);
        Column requiredString = new Column("id", "string", null, false, "new", null);

        assertThat(DeltaColumns.plan("orders", List.of(nullableInt), List.of(requiredString), "bump it", c -> null))
                .extracting(Change::summary)
                .containsExactly(
                        "refused on orders: column 'id' is int in the table but the contract wants string, which is"
                                + " not a compatible widening (changed in the contract, or by hand); bump it",
                        "refused on orders: column 'id' is nullable in the table but the contract makes it required;"
                                + " existing rows may hold nulls; keep it optional, or bump it");
    }

    @Test
    void appliesAnAddedColumnOnceAndRefusesOneThatMovedMeanwhile() {
        Change add = new Change.AddColumn("orders", NOTE);

        StructType added =
                DeltaColumns.apply(schema(ID), Map.of(), List.of(), add).orElseThrow();

        assertThat(DeltaTypes.columns(added)).containsExactly(ID, NOTE);
        assertThat(DeltaColumns.apply(added, Map.of(), List.of(), add))
                .as("applied again")
                .isEmpty();
        Column other = new Column("note", "bigint", null, true, null, null);
        assertThatThrownBy(() -> DeltaColumns.apply(schema(ID, other), Map.of(), List.of(), add))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_PLAN))
                .hasMessage("Cannot add column orders.note string: the table already has the column with type bigint;"
                        + " plan again");
    }

    @Test
    void aWideningKeepsTheFieldsMetadataAndAWriterOfItsOwnCommitsRecordsIt() {
        Column wide = new Column("ID", "bigint", null, true, "the id", "internal");
        Change alter = new Change.AlterColumn("orders", ID, wide);

        StructType widened =
                DeltaColumns.apply(schema(ID, NOTE), Map.of(), List.of(), alter).orElseThrow();
        StructField field = widened.at(0);

        assertThat(field.getName())
                .as("the table's name, matched ignoring case")
                .isEqualTo("id");
        assertThat(DeltaTypes.column(field)).isEqualTo(new Column("id", "bigint", null, true, "the id", "internal"));
        assertThat(field.getTypeChanges())
                .as("Delta Kernel records it when it commits")
                .isEmpty();
        StructType written = DeltaColumns.withTypeChanges(schema(ID, NOTE), widened);
        assertThat(written.at(1)).isEqualTo(widened.at(1));
        assertThat(written.at(0).getTypeChanges()).singleElement().satisfies(t -> {
            assertThat(t.getFrom()).isEqualTo(IntegerType.INTEGER);
            assertThat(t.getTo()).isEqualTo(LongType.LONG);
        });
        Change narrow = new Change.AlterColumn("orders", wide, ID);
        assertThatThrownBy(() -> DeltaColumns.apply(schema(wide), Map.of(), List.of(), narrow))
                .hasMessageContaining("from what the table holds now, column 'id' is bigint in the table but the"
                        + " contract wants int, which is not a compatible widening");
    }

    @Test
    void dropsOnlyWhatTheTableCanDropInPlace() {
        Change drop = new Change.DropColumn("orders", "NOTE", "unread for 90 days");
        Map<String, String> mapped = Map.of("delta.columnMapping.mode", "name");

        assertThat(DeltaColumns.apply(schema(ID, NOTE), mapped, List.of(), drop).map(DeltaTypes::columns))
                .contains(List.of(ID));
        assertThat(DeltaColumns.apply(schema(ID), mapped, List.of(), drop))
                .as("already gone")
                .isEmpty();
        assertThatThrownBy(() -> DeltaColumns.apply(schema(ID, NOTE), Map.of(), List.of(), drop))
                .hasMessageContaining("the table has no column mapping");
    }
}
