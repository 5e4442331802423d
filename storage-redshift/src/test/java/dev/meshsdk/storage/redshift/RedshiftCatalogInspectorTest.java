package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How SVV_COLUMNS and SVV_RELATION_PRIVILEGES rows are read; the queries themselves need a cluster. */
class RedshiftCatalogInspectorTest {

    @Test
    void composesTypesAsTheDialectSpellsThem() {
        assertThat(RedshiftCatalogInspector.type("character varying", 256, null, null))
                .isEqualTo("character varying(256)");
        assertThat(RedshiftCatalogInspector.type("numeric", null, 12, 2)).isEqualTo("numeric(12,2)");
        assertThat(RedshiftCatalogInspector.type("SUPER", null, null, null)).isEqualTo("super");
        assertThat(RedshiftCatalogInspector.type("timestamp with time zone", null, null, null))
                .isEqualTo("timestamp with time zone");
    }

    @Test
    void namesGroupsAndRolesAsAccessGrantsDo() {
        assertThat(RedshiftCatalogInspector.principal("analysts", "group")).isEqualTo("group:analysts");
        assertThat(RedshiftCatalogInspector.principal("loader", "role")).isEqualTo("role:loader");
        assertThat(RedshiftCatalogInspector.principal("bi_user", "user")).isEqualTo("bi_user");
    }
}
