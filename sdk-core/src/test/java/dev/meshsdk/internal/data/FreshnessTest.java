package dev.meshsdk.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.model.SlaProperty;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SLA's durations as the freshness check reads them. */
class FreshnessTest {
    private static Duration of(Object value, String unit) {
        return Freshness.duration(new SlaProperty("latency", value, null, unit, null, null, Map.of()));
    }

    @Test
    void unitsAndIsoDurations() {
        assertThat(of(4, "h")).isEqualTo(Duration.ofHours(4));
        assertThat(of("1.5", "hours")).isEqualTo(Duration.ofMinutes(90));
        assertThat(of(30, "min")).isEqualTo(Duration.ofMinutes(30));
        assertThat(of(2, null)).as("days by default").isEqualTo(Duration.ofDays(2));
        assertThat(of(1, "w")).isEqualTo(Duration.ofDays(7));
        assertThat(of(1, "m")).as("months, as retention reads them").isEqualTo(Duration.ofDays(30));
        assertThat(of(1, "y")).isEqualTo(Duration.ofDays(365));
        assertThat(of("PT4H", null)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void anUnknownUnitIsNamed() {
        assertThatThrownBy(() -> of(4, "fortnights"))
                .hasMessage("the latency SLA has value '4' and unit 'fortnights';"
                        + " write a number with unit s, min, h, d, w, m (months) or y, or an ISO-8601 duration such as PT4H"
                        + " without a unit");
        assertThatThrownBy(() -> of("soon", "h")).hasMessageStartingWith("the latency SLA has value 'soon'");
    }
}
