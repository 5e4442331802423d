package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForgetCallTest {
    private static final Instant LATER = Instant.parse("2026-12-13T10:00:00Z");

    @Test
    void rowsArePhysicallyGoneOnlyWhenGoneFromEveryTable() {
        TableErasure gone = new TableErasure("orders", "customer_id", 3, "4", true, Instant.EPOCH, null);
        TableErasure waiting = new TableErasure("orders_v2", "customer_id", 1, "7", false, LATER, null);
        TableErasure unknown = new TableErasure("points", "customer_id", 2, null, false, null, "no detail");

        assertThat(ForgetCall.gone(List.of(gone))).isEqualTo("yes");
        assertThat(ForgetCall.gone(List.of(gone, waiting))).isEqualTo("from 2026-12-13T10:00:00Z");
        assertThat(ForgetCall.gone(List.of(waiting, unknown))).isEqualTo("not known");
    }

    @Test
    void aPortNoRowsWereDeletedFromShowsOnlyWhatAnEarlierRequestLeft() {
        TableErasure none = new TableErasure("orders", "customer_id", 0, "5", false, null, "nothing deleted");
        TableErasure earlier = new TableErasure("orders", "customer_id", 0, "5", false, LATER, "earlier request");
        TableErasure deleted = new TableErasure("orders_v2", "customer_id", 1, "7", true, Instant.EPOCH, null);

        assertThat(ForgetCall.gone(List.of(none))).isEqualTo("-");
        assertThat(ForgetCall.gone(List.of(none, earlier))).isEqualTo("from 2026-12-13T10:00:00Z (earlier)");
        assertThat(ForgetCall.gone(List.of(none, deleted)))
                .as("a table nothing was deleted from does not make the port's state unknown")
                .isEqualTo("yes");
    }
}
