package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Delta column rules as policies see their refusals: a column dropped from the contract is named as such when the
 * table can drop it, and only then.
 */
class DeltaColumnChangesTest {
    @Test
    void aColumnMissingFromTheContractIsARefusedDropNamingTheColumn() {
        Column id = new Column("id", "long", null, false, null, null);
        Column coupon = new Column("Coupon", "string", null, true, null, null);
        Column note = new Column("note", "string", null, true, null, null);

        List<Change> changes = DeltaColumnChanges.plan("orders", List.of(id, coupon), List.of(id, note), "bump it",
                c -> null);

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(Change.AddColumn.class);
        assertThat(changes.get(1)).isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isEqualTo("Coupon");
            assertThat(r.reason()).startsWith("column 'Coupon' (string) is in the table but not in the contract");
        });
        // A type change is refused too, but it drops nothing.
        Column narrowed = new Column("id", "integer", null, false, null, null);
        assertThat(DeltaColumnChanges.plan("orders", List.of(id), List.of(narrowed), "bump it", c -> null))
                .singleElement().isInstanceOfSatisfying(Change.Refused.class, r -> assertThat(r.droppedColumn()).isNull());
    }

    @Test
    void aColumnTheTableCannotDropIsRefusedWithoutNamingItAndSaysWhy() {
        Column id = new Column("id", "long", null, false, null, null);
        Column day = new Column("day", "date", null, true, null, null);
        java.util.Map<String, String> mapped = java.util.Map.of("delta.columnMapping.mode", "name");

        assertThat(DeltaColumnChanges.cannotDrop(mapped, List.of(), "day")).isNull();
        assertThat(DeltaColumnChanges.cannotDrop(mapped, List.of("Day"), "day"))
                .isEqualTo("it is a partition column, which cannot be dropped without rewriting the table");
        assertThat(DeltaColumnChanges.cannotDrop(java.util.Map.of(), List.of(), "day"))
                .contains("drop it by hand with Spark (ALTER TABLE ... DROP COLUMN, after enabling column mapping)");
        List<Change> changes = DeltaColumnChanges.plan("orders", List.of(id, day), List.of(id), "bump it",
                c -> DeltaColumnChanges.cannotDrop(mapped, List.of("day"), c));
        assertThat(changes).singleElement().isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isNull();
            assertThat(r.hint()).isEqualTo("bump it; it is a partition column, which cannot be dropped without"
                    + " rewriting the table");
        });
    }
}
