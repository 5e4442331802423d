package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCanEndTextOrAnAttribute() {
        assertThat(Html.esc("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.esc("\"'><img src=x onerror=alert(1)>"))
                .isEqualTo("&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(Html.esc("a & b")).isEqualTo("a &amp; b");
        assertThat(Html.esc((String) null)).isEmpty();
    }

    @Test
    void jsonStringsCannotCloseTheScriptElementTheyAreIn() {
        String json = Html.json(new StringBuilder(), "</script><!-- \"x\" \\ \n \u2028 & >")
                .toString();
        assertThat(json)
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("&")
                .doesNotContain("\u2028");
        assertThat(json).isEqualTo("\"\\u003c/script\\u003e\\u003c!-- \\\"x\\\" \\\\ \\n \\u2028 \\u0026 \\u003e\"");
        assertThat(Html.json(new StringBuilder(), null).toString()).isEqualTo("null");
        assertThat(Html.json(new StringBuilder(), "\u0001").toString()).isEqualTo("\"\\u0001\"");
    }

    @Test
    void timesAreUtcToTheMinute() {
        assertThat(Html.time(java.time.Instant.parse("2026-03-04T05:06:59.9Z"))).isEqualTo("2026-03-04 05:06 UTC");
        assertThat(Html.time(java.time.Instant.parse("+12026-03-04T05:06:00Z"))).isEqualTo("+12026-03-04 05:06 UTC");
        assertThat(Html.time(null)).isEmpty();
    }

    @Test
    void statusClassesAreAFixedSetNeverDescriptorText() {
        assertThat(Html.statusClass("Active")).isEqualTo("active");
        assertThat(Html.statusClass("x\" onmouseover=\"alert(1)")).isEqualTo("other");
        assertThat(Html.statusClass(null)).isEqualTo("other");
    }
}
