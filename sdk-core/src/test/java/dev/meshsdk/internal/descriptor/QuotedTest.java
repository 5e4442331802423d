package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a message shows a value from a descriptor. */
class QuotedTest {
    @Test
    void showsAtMost80CharactersThenAnEllipsis() {
        assertThat(Quoted.of("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
        assertThat(Quoted.of("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "\u2026'");
        assertThat(Quoted.of("\ud835\udd18".repeat(100))).hasSize(2 + 80 * 2 + 1); // code points, not chars
    }

    @Test
    void escapesWhatWouldHideOrReorderTheMessage() {
        assertThat(Quoted.of("a\nb")).isEqualTo("'a\\u000ab'");
        assertThat(Quoted.of("admin\u202e\u2066x")).isEqualTo("'admin\\u202e\\u2066x'");
        assertThat(Quoted.of("zero\u200bwidth")).isEqualTo("'zero\\u200bwidth'");
        assertThat(Quoted.of("caf\u00e9")).isEqualTo("'caf\u00e9'");
        assertThat(Quoted.of(null)).isEqualTo("(none)");
    }
}
