package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.storage.jdbc.JdbcPlanner;
import dev.meshsdk.storage.jdbc.TableSpec;
import dev.meshsdk.storage.jdbc.TableSpecs;
import dev.meshsdk.storage.jdbc.TableState;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Type mapping and the exact SQL of {@link RedshiftDialect}, without a cluster. */
class RedshiftDialectTest {
    private final RedshiftDialect dialect = new RedshiftDialect();

    private static SchemaProperty prop(String logical, String physical, Map<String, Object> options) {
        return new SchemaProperty(
                null, "c", null, logical, physical, options, null, null, false, false, false, null, false, null, null,
                List.of(), List.of(), List.of(), null, List.of(), Map.of());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "string||character varying(65535)",
                "integer||integer",
                "number||double precision",
                "boolean||boolean",
                "date||date",
                "timestamp||timestamp with time zone",
                "object||super",
                "array||super",
                "string|varchar(max)|character varying(65535)",
                "string|text|character varying(256)",
                "string|nvarchar(40)|character varying(40)",
                "number|decimal(38,10)|numeric(38,10)",
                "integer|int8|bigint",
                "string|SUPER|super",
                "timestamp|timestamptz|timestamp with time zone"
            })
    void mapsTypes(String logical, String physical, String expected) {
        assertThat(dialect.columnType("t", prop(logical, physical, Map.of()))).isEqualTo(expected);
    }

    @Test
    void usesMaxLengthPrecisionAndScaleWithinRedshiftsLimits() {
        assertThat(dialect.columnType("t", prop("string", null, Map.of("maxLength", 100))))
                .isEqualTo("character varying(100)");
        assertThat(dialect.columnType("t", prop("number", null, Map.of("precision", 18, "scale", 4))))
                .isEqualTo("numeric(18,4)");
        assertThatThrownBy(() -> dialect.columnType("orders", prop("string", null, Map.of("maxLength", 70000))))
                .hasMessage("Cannot map column orders.c: logicalTypeOptions.maxLength is '70000', but Redshift allows"
                        + " a whole number from 0 to 65535; lower it in the contract");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text[]", "varchar(65536)", "jsonb", "numeric(39,2)", "varchar(10); DROP TABLE x", "uuid"})
    void refusesTypesRedshiftLacks(String physical) {
        assertThatThrownBy(() -> dialect.columnType("orders", prop("string", physical, Map.of())))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
                    assertThat(e.getMessage()).startsWith("Cannot map column orders.c: physicalType '");
                });
    }

    @Test
    void widensOnlyVarchar() {
        assertThat(dialect.isWidening("character varying(10)", "character varying(20)"))
                .isTrue();
        assertThat(dialect.isWidening("character varying(20)", "character varying(10)"))
                .isFalse();
        assertThat(dialect.isWidening("integer", "bigint")).isFalse();
        assertThat(dialect.isWidening("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(dialect.canRelaxNotNull()).isFalse();
    }

    private static SchemaObject orders(List<CustomProperty> custom) {
        SchemaObject o = Fixtures.ordersObject();
        return new SchemaObject(
                o.id(),
                o.name(),
                o.physicalName(),
                o.physicalType(),
                o.logicalType(),
                o.description(),
                o.businessName(),
                o.dataGranularityDescription(),
                o.tags(),
                o.properties(),
                o.quality(),
                custom,
                o.extensions());
    }

    @Test
    void createsTablesWithDistributionAndSortKeys() {
        SchemaObject o = orders(List.of(
                new CustomProperty("distKey", "id", null),
                new CustomProperty("sortKey", List.of("id", "amount"), null)));
        var binding = Fixtures.binding(
                Fixtures.withSchema(Fixtures.ordersContract(), List.of(o)),
                Fixtures.server("rs", "redshift", Map.of("schema", "sales")));
        TableSpec spec = TableSpecs.of(binding, dialect).get(0);
        Change.CreateTable create = (Change.CreateTable)
                new JdbcPlanner(dialect).plan(binding, List.of(spec), Map.of()).get(0);

        assertThat(dialect.createTable("sales", create))
                .containsExactly(
                        "CREATE TABLE \"sales\".\"orders\" (\"id\" bigint NOT NULL, \"name\" character varying(65535),"
                                + " \"amount\" numeric(12,2), PRIMARY KEY (\"id\")) DISTSTYLE KEY DISTKEY (\"id\")"
                                + " COMPOUND SORTKEY (\"id\", \"amount\")",
                        "COMMENT ON TABLE \"sales\".\"orders\" IS 'The orders table\nmesh: domain=sales team=orders-team"
                                + " product=orders 1.0.0 port=orders contract=orders-contract 1.0.0'",
                        "COMMENT ON COLUMN \"sales\".\"orders\".\"id\" IS 'Order identifier [classification: internal]'",
                        "COMMENT ON COLUMN \"sales\".\"orders\".\"name\" IS 'Customer name [classification: restricted]'",
                        "COMMENT ON COLUMN \"sales\".\"orders\".\"amount\" IS 'Order amount'");
    }

    @Test
    void refusesKeysThatAreNotColumnsOrStylesThatDoNotExist() {
        assertThatThrownBy(() ->
                        dialect.tableProperties("orders", orders(List.of(new CustomProperty("distKey", "nope", null)))))
                .hasMessage("Cannot provision table orders: customProperties distKey names 'nope', which is not a"
                        + " property of the object; use one of [amount, id, name]");
        assertThatThrownBy(() -> dialect.tableProperties(
                        "orders", orders(List.of(new CustomProperty("distStyle", "RANDOM", null)))))
                .hasMessage("Cannot provision table orders: customProperties distStyle is 'RANDOM'; use one of AUTO,"
                        + " EVEN, KEY, ALL");
    }

    @Test
    void grantsToUsersGroupsAndRoles() {
        assertThat(dialect.grant("sales", "orders", "group:analysts", "read"))
                .containsExactly(
                        "GRANT USAGE ON SCHEMA \"sales\" TO GROUP \"analysts\"",
                        "GRANT SELECT ON \"sales\".\"orders\" TO GROUP \"analysts\"");
        assertThat(dialect.grant("sales", "orders", "role:loader", "write"))
                .containsExactly(
                        "GRANT USAGE ON SCHEMA \"sales\" TO ROLE \"loader\"",
                        "GRANT INSERT, UPDATE, DELETE ON \"sales\".\"orders\" TO ROLE \"loader\"");
        assertThat(dialect.revoke("sales", "orders", "bi_user", "read"))
                .containsExactly("REVOKE SELECT ON \"sales\".\"orders\" FROM \"bi_user\"");
        assertThatThrownBy(() -> dialect.checkPrincipal("group:a; DROP GROUP b"))
                .hasMessageStartingWith("Cannot use name 'a; DROP GROUP b' for group");
    }

    @Test
    void plansNoDropNotNullAndNoIntegerWideningButWidensVarchar() {
        var binding = Fixtures.binding(Fixtures.ordersContract(), Fixtures.server("rs", "redshift", Map.of()));
        TableSpec spec = TableSpecs.of(binding, dialect).get(0);
        TableState found = new TableState(
                "orders",
                true,
                List.of(
                        new Column("id", "integer", null, false, "Order identifier [classification: internal]", null),
                        new Column(
                                "name",
                                "character varying(100)",
                                null,
                                false,
                                "Customer name [classification: restricted]",
                                null),
                        new Column("amount", "numeric(12,2)", null, true, "Order amount", null)),
                null,
                spec.comment(),
                Set.of(),
                Set.of(new AccessGrant("old_user", "read")));

        List<Change> changes = new JdbcPlanner(dialect).plan(binding, List.of(spec), Map.of("orders", found));

        assertThat(changes)
                .extracting(Change::summary)
                .containsExactly(
                        "refused on orders: column 'id' is integer in the table but the contract wants bigint, which is not a"
                                + " compatible widening (changed in the contract, or by hand); publish it as contract version"
                                + " 2.0.0 to provision orders_v2 beside the current table",
                        "refused on orders: column 'name' is NOT NULL and Redshift cannot drop NOT NULL in place; publish it"
                                + " as contract version 2.0.0 to provision orders_v2 beside the current table",
                        "revoke read on orders from old_user");

        // A column with a refusal is not altered besides (the plan is not deployed); once nullable it widens.
        TableState nullableName = new TableState(
                "orders",
                true,
                List.of(
                        found.columns().get(0),
                        new Column(
                                "name",
                                "character varying(100)",
                                null,
                                true,
                                "Customer name [classification: restricted]",
                                null),
                        found.columns().get(2)),
                null,
                spec.comment(),
                Set.of(),
                Set.of());
        assertThat(new JdbcPlanner(dialect).plan(binding, List.of(spec), Map.of("orders", nullableName)))
                .extracting(Change::summary)
                .contains("alter column orders.name type character varying(100) -> character varying(65535)");
    }

    @Test
    void escapesQuotesAndBackslashesInLiterals() {
        assertThat(dialect.stringLiteral("It's a \\'; DROP")).isEqualTo("'It''s a \\\\''; DROP'");
    }

    @Test
    void addressesNameTheClusterDatabaseSchemaAndTableWithoutCredentials() {
        Secrets secrets = id -> Optional.of(new Secrets.Credential("loader", "s3cr3t-pw"));
        PortAddresses adapter = (PortAddresses) new RedshiftStorageAdapterFactory()
                .create(new AdapterContext("dev", Path.of("."), Map.of(), secrets, null, null));
        PortBinding binding = Fixtures.binding(
                Fixtures.withVersion(Fixtures.ordersContract(), "3.0.0"),
                Fixtures.server(
                        "rs", "redshift", Map.of("host", "dw.example.com", "database", "dw", "schema", "analytics")));

        assertThat(adapter.addresses(binding))
                .containsExactly(Map.entry("orders", "redshift://dw.example.com:5439/dw/analytics.orders_v3"));
        assertThat(adapter.addresses(binding).toString())
                .doesNotContain("s3cr3t-pw")
                .doesNotContain("loader");
    }
}
