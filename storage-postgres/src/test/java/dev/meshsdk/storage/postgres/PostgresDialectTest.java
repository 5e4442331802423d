package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Type mapping and generated SQL of {@link PostgresDialect}, without a server. */
class PostgresDialectTest {
    private final PostgresDialect dialect = new PostgresDialect();

    private static SchemaProperty prop(
            String logical, String physical, Map<String, Object> options, SchemaProperty items) {
        return new SchemaProperty(
                null, "c", null, logical, physical, options, null, null, false, false, false, null, false, null, null,
                List.of(), List.of(), List.of(), items, List.of(), Map.of());
    }

    private String type(String logical, Map<String, Object> options) {
        return dialect.columnType("t", prop(logical, null, options, null));
    }

    @Test
    void mapsLogicalTypes() {
        assertThat(type("string", Map.of())).isEqualTo("text");
        assertThat(type("string", Map.of("maxLength", 18))).isEqualTo("character varying(18)");
        assertThat(type("integer", Map.of())).isEqualTo("integer");
        assertThat(type("integer", Map.of("maximum", 10_000_000_000L))).isEqualTo("bigint");
        assertThat(type("integer", Map.of("format", "int64"))).isEqualTo("bigint");
        assertThat(type("number", Map.of())).isEqualTo("double precision");
        assertThat(type("number", Map.of("precision", 12, "scale", 2))).isEqualTo("numeric(12,2)");
        assertThat(type("boolean", Map.of())).isEqualTo("boolean");
        assertThat(type("date", Map.of())).isEqualTo("date");
        assertThat(type("timestamp", Map.of())).isEqualTo("timestamp with time zone");
        assertThat(type("object", Map.of())).isEqualTo("jsonb");
        assertThat(type("array", Map.of())).isEqualTo("jsonb");
        assertThat(dialect.columnType("t", prop("array", null, Map.of(), prop("string", null, Map.of(), null))))
                .isEqualTo("text[]");
        assertThat(dialect.columnType("t", prop("array", null, Map.of(), prop("object", null, Map.of(), null))))
                .isEqualTo("jsonb");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bigint|bigint",
                "INT8|bigint",
                "int|integer",
                "decimal(12,2)|numeric(12,2)",
                "NUMERIC(10)|numeric(10,0)",
                "varchar(20)|character varying(20)",
                "timestamptz|timestamp with time zone",
                "float8|double precision",
                "text[]|text[]",
                "serial|integer",
                "BIGSERIAL|bigint",
                "Timestamp With Time Zone|timestamp with time zone",
                "jsonb|jsonb",
                "uuid|uuid"
            })
    void physicalTypeWinsAndIsSpelledAsTheCatalogDoes(String written, String expected) {
        assertThat(dialect.columnType("t", prop("string", written, Map.of(), null)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text); DROP TABLE x; --",
                "money",
                "varchar(10,2)",
                "numeric(2,5)",
                "int(4)",
                "text COLLATE \"C\"",
                "name"
            })
    void refusesPhysicalTypesItDoesNotWrite(String written) {
        assertThatThrownBy(() -> dialect.columnType("orders", prop("string", written, Map.of(), null)))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
                    assertThat(e.getMessage()).startsWith("Cannot map column orders.c: physicalType '");
                });
    }

    @Test
    void refusesUnknownLogicalTypesAndBadOptions() {
        assertThatThrownBy(() -> type("decimal", Map.of())).hasMessageContaining("logicalType 'decimal' is not one of");
        assertThatThrownBy(() -> type("string", Map.of("maxLength", "ten")))
                .hasMessageContaining("logicalTypeOptions.maxLength is 'ten'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "integer|bigint|true",
                "bigint|integer|false",
                "smallint|bigint|true",
                "character varying(10)|character varying(20)|true",
                "character varying(20)|character varying(10)|false",
                "character varying(10)|text|true",
                "text|character varying(10)|false",
                "numeric(12,2)|numeric(14,2)|true",
                "numeric(12,2)|numeric(12,3)|false",
                "numeric(12,2)|numeric(13,3)|true",
                "real|double precision|true",
                "double precision|real|false",
                "integer|text|false",
                "text|jsonb|false",
                "integer[]|bigint[]|false"
            })
    void widening(String from, String to, boolean widening) {
        assertThat(dialect.isWidening(from, to)).isEqualTo(widening);
    }

    @Test
    void generatesDdlWithEveryNameQuotedAndEveryTextEscaped() {
        Change.CreateTable create = new Change.CreateTable(
                "orders",
                List.of(
                        new Column("id", "bigint", "integer", false, "It's \\ the id", null),
                        new Column("code", "character varying(8)", "string", true, null, null)),
                List.of("id"),
                List.of(),
                Map.of("unique", "code"),
                "Orders");

        assertThat(dialect.createTable("sales", create))
                .containsExactly(
                        "CREATE TABLE \"sales\".\"orders\" (\"id\" bigint NOT NULL, \"code\" character varying(8),"
                                + " PRIMARY KEY (\"id\"), UNIQUE (\"code\"))",
                        "COMMENT ON TABLE \"sales\".\"orders\" IS E'Orders'",
                        "COMMENT ON COLUMN \"sales\".\"orders\".\"id\" IS E'It''s \\\\ the id'");
        assertThat(dialect.grant("sales", "orders", "analyst", "write"))
                .containsExactly(
                        "GRANT USAGE ON SCHEMA \"sales\" TO \"analyst\"",
                        "GRANT INSERT, UPDATE, DELETE ON \"sales\".\"orders\" TO \"analyst\"");
        assertThat(dialect.revoke("sales", "orders", "analyst", "read"))
                .containsExactly("REVOKE SELECT ON \"sales\".\"orders\" FROM \"analyst\"");
    }

    @Test
    void refusesATypeEditedIntoASavedPlan() {
        Column evil = new Column("id", "bigint); DROP TABLE x; --", null, true, null, null);

        assertThatThrownBy(() -> dialect.addColumn("s", "t", evil))
                .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.getMessage())
                        .contains("is not a PostgreSQL type this adapter writes"));
    }

    @Test
    void theStandardFixtureMapsToTheExpectedColumns() {
        assertThat(dev.meshsdk.storage.jdbc.TableSpecs.of(
                                Fixtures.binding(Fixtures.ordersContract(), Fixtures.server("s", "postgres", Map.of())),
                                dialect)
                        .get(0)
                        .columns())
                .extracting(Column::type)
                .containsExactly("bigint", "text", "numeric(12,2)");
    }

    @Test
    void addressesNameHostPortDatabaseSchemaAndTableWithoutCredentials() {
        Secrets secrets = id -> Optional.of(new Secrets.Credential("app", "s3cr3t-pw"));
        PortAddresses adapter = (PortAddresses) new PostgresStorageAdapterFactory()
                .create(new AdapterContext("dev", Path.of("."), Map.of(), secrets, null, null));
        PortBinding binding = Fixtures.binding(
                Fixtures.ordersContract(),
                Fixtures.server(
                        "pg",
                        "postgres",
                        Map.of("host", "db.internal", "port", 6543, "database", "app", "schema", "sales")));

        assertThat(adapter.addresses(binding))
                .containsExactly(Map.entry("orders", "postgresql://db.internal:6543/app/sales.orders"));
        assertThat(adapter.addresses(Fixtures.withContract(binding, Fixtures.withVersion(binding.contract(), "2.0.0"))))
                .containsExactly(Map.entry("orders", "postgresql://db.internal:6543/app/sales.orders_v2"));
        PortBinding defaults = Fixtures.binding(
                Fixtures.ordersContract(),
                Fixtures.server("pg", "postgres", Map.of("host", "db.internal", "database", "app")));
        assertThat(adapter.addresses(defaults))
                .containsExactly(Map.entry("orders", "postgresql://db.internal:5432/app/public.orders"));
        assertThat(adapter.addresses(binding).toString())
                .doesNotContain("s3cr3t-pw")
                .doesNotContain("app@");
    }
}
