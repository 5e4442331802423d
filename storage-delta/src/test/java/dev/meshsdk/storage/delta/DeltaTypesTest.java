package dev.meshsdk.storage.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.testkit.Fixtures;
import io.delta.kernel.types.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltaTypesTest {

    private static String type(SchemaProperty p) {
        return DeltaTypes.toSql(DeltaTypes.of(p));
    }

    private static SchemaProperty withOptions(String name, String logicalType, Map<String, Object> options) {
        return new SchemaProperty(
                null,
                name,
                null,
                logicalType,
                null,
                options,
                null,
                null,
                false,
                false,
                false,
                null,
                false,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(),
                Map.of());
    }

    @Test
    void logicalTypesMapToDeltaTypes() {
        assertThat(type(Fixtures.property("a", "string"))).isEqualTo("string");
        assertThat(type(Fixtures.property("a", "integer"))).isEqualTo("bigint");
        assertThat(type(withOptions("a", "integer", Map.of("format", "i32")))).isEqualTo("int");
        assertThat(type(Fixtures.property("a", "number"))).isEqualTo("double");
        assertThat(type(withOptions("a", "number", Map.of("precision", 10, "scale", 2))))
                .isEqualTo("decimal(10,2)");
        assertThat(type(Fixtures.property("a", "boolean"))).isEqualTo("boolean");
        assertThat(type(Fixtures.property("a", "date"))).isEqualTo("date");
        assertThat(type(Fixtures.property("a", "timestamp"))).isEqualTo("timestamp");
    }

    @Test
    void aDecimalDeltaCannotHoldIsRefusedAsTheContractsMistake() {
        for (Map<String, Object> options : List.<Map<String, Object>>of(
                Map.of("precision", 39), Map.of("precision", "ten"), Map.of("precision", 10, "scale", 11))) {
            assertThatThrownBy(() -> DeltaTypes.of(withOptions("amount", "number", options)))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR))
                    .hasMessageStartingWith(
                            "Cannot map property 'amount' to a Delta decimal: logicalTypeOptions precision ");
        }
    }

    @Test
    void physicalTypeWinsWhenItIsADeltaType() {
        assertThat(type(Fixtures.property("a", "number", "decimal(12,2)", false, null, null)))
                .isEqualTo("decimal(12,2)");
        assertThat(type(Fixtures.property("a", "integer", "INT", false, null, null)))
                .isEqualTo("int");
        assertThat(type(Fixtures.property("a", "string", "varchar(20)", false, null, null)))
                .isEqualTo("string");
    }

    @Test
    void arraysAndObjectsNest() {
        SchemaProperty items = Fixtures.property("item", "string");
        SchemaProperty array = new SchemaProperty(
                null, "tags", null, "array", null, Map.of(), null, null, false, false, false, null, false, null, null,
                List.of(), List.of(), List.of(), items, List.of(), Map.of());
        SchemaProperty object = new SchemaProperty(
                null,
                "address",
                null,
                "object",
                null,
                Map.of(),
                null,
                null,
                false,
                false,
                false,
                null,
                false,
                null,
                null,
                List.of(),
                List.of(),
                List.of(
                        Fixtures.property("street", "string"),
                        Fixtures.property("zip", "integer", null, true, null, null)),
                null,
                List.of(),
                Map.of());

        assertThat(type(array)).isEqualTo("array<string>");
        assertThat(type(object)).isEqualTo("struct<street:string,zip:bigint not null>");
    }

    @Test
    void typeTextRoundTrips() {
        for (String text : List.of(
                "bigint",
                "decimal(38,10)",
                "array<struct<a:int not null,B:map<string,double>>>",
                "timestamp_ntz",
                "struct<>")) {
            DataType t = DeltaTypes.parse(text).orElseThrow();
            assertThat(DeltaTypes.toSql(t)).isEqualTo(text);
        }
        assertThat(DeltaTypes.parse("varchar(10)")).isEmpty();
        assertThat(DeltaTypes.parse("text")).isEmpty();
    }

    @Test
    void wideningIsRecognised() {
        assertThat(widening("int", "bigint")).isTrue();
        assertThat(widening("float", "double")).isTrue();
        assertThat(widening("decimal(10,2)", "decimal(12,2)")).isTrue();
        assertThat(widening("decimal(10,2)", "decimal(12,4)")).isTrue();
        assertThat(widening("bigint", "int")).isFalse();
        assertThat(widening("decimal(10,2)", "decimal(10,4)"))
                .as("loses integer digits")
                .isFalse();
        assertThat(widening("int", "string")).isFalse();
        assertThat(widening("double", "float")).isFalse();
    }

    private static boolean widening(String from, String to) {
        return DeltaTypes.isWidening(
                DeltaTypes.parse(from).orElseThrow(), DeltaTypes.parse(to).orElseThrow());
    }
}
