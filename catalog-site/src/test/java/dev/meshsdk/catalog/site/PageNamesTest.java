package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageNamesTest {

    @Test
    void usesAPlainIdAsItIs() {
        assertThat(PageNames.productFile("daily-revenue")).isEqualTo("daily-revenue.html");
        assertThat(PageNames.productPath("orders_v2.1")).isEqualTo("products/orders_v2.1.html");
    }

    @Test
    void reducesAnyOtherIdToSafeCharactersPlusAHashOfTheOriginal() {
        String traversal = PageNames.productFile("../../etc/passwd");
        assertThat(traversal)
                .matches("[a-z0-9._-]+-[0-9a-f]{8}\\.html")
                .doesNotContain("/")
                .doesNotStartWith(".");
        assertThat(PageNames.productFile("a/b"))
                .isNotEqualTo(PageNames.productFile("a_b"))
                .isNotEqualTo(PageNames.productFile("a:b"));
        // Two ids that differ only in case must not share a page on a case-insensitive file system.
        assertThat(PageNames.productFile("Orders").toLowerCase()).isNotEqualTo("orders.html");
        assertThat(PageNames.productFile("x\"><img src=x>")).matches("[a-z0-9._-]+-[0-9a-f]{8}\\.html");
        assertThat(PageNames.productFile("é")).matches("_-[0-9a-f]{8}\\.html");
    }

    @Test
    void keepsLongIdsToAFileNameEveryFileSystemTakes() {
        assertThat(PageNames.productFile("p".repeat(500)).length()).isLessThan(100);
    }
}
