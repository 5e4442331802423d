package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Delta column rules as policies see their refusals: a column dropped from the contract is named as such. */
class DeltaColumnChangesTest {
    @Test
    void aColumnMissingFromTheContractIsARefusedDropNamingTheColumn() {
        Column id = new Column("id", "long", null, false, null, null);
        Column coupon = new Column("Coupon", "string", null, true, null, null);
        Column note = new Column("note", "string", null, true, null, null);

        List<Change> changes = DeltaColumnChanges.plan("orders", List.of(id, coupon), List.of(id, note), "bump it");

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(Change.AddColumn.class);
        assertThat(changes.get(1)).isInstanceOfSatisfying(Change.Refused.class, r -> {
            assertThat(r.droppedColumn()).isEqualTo("Coupon");
            assertThat(r.reason()).startsWith("column 'Coupon' (string) is in the table but not in the contract");
        });
        // A type change is refused too, but it drops nothing.
        Column narrowed = new Column("id", "integer", null, false, null, null);
        assertThat(DeltaColumnChanges.plan("orders", List.of(id), List.of(narrowed), "bump it"))
                .singleElement().isInstanceOfSatisfying(Change.Refused.class, r -> assertThat(r.droppedColumn()).isNull());
    }
}
