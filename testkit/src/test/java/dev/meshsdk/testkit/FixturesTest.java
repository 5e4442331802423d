package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixturesTest {
    private final DataContract contract = Fixtures.ordersContract();

    private static List<String> names(DataContract c) {
        return c.schema().get(0).properties().stream().map(SchemaProperty::name).toList();
    }

    @Test
    void standardContractHasThreeColumnsWithIdRequired() {
        assertThat(names(contract)).containsExactly("id", "name", "amount");
        SchemaProperty id = Fixtures.propertyOf(contract, Fixtures.OBJECT_NAME, "id");
        assertThat(id.required()).isTrue();
        assertThat(id.physicalType()).isEqualTo("bigint");
        assertThat(id.subjectKey()).isTrue();
    }

    @Test
    void withPropertyAddsOrReplacesAndWithoutPropertyRemoves() {
        DataContract added = Fixtures.withProperty(contract, Fixtures.OBJECT_NAME, Fixtures.property("note", "string"));
        DataContract replaced = Fixtures.withProperty(
                contract, Fixtures.OBJECT_NAME, Fixtures.withType(Fixtures.idProperty(), "integer", "int"));
        DataContract removed = Fixtures.withoutProperty(contract, Fixtures.OBJECT_NAME, "name");

        assertThat(names(added)).containsExactly("id", "name", "amount", "note");
        assertThat(Fixtures.propertyOf(replaced, Fixtures.OBJECT_NAME, "id").physicalType())
                .isEqualTo("int");
        assertThat(names(removed)).containsExactly("id", "amount");
        assertThat(names(contract)).as("the original is unchanged").containsExactly("id", "name", "amount");
    }

    @Test
    void unknownObjectIsReported() {
        assertThatThrownBy(() -> Fixtures.withoutProperty(contract, "nope", "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void bindingCopiesKeepTheHome() {
        PortBinding b = Fixtures.binding(contract, Fixtures.server("s", "local", Map.of("path", "data")));
        PortBinding evolved = Fixtures.withAccess(
                Fixtures.withContract(b, Fixtures.withVersion(contract, "2.0.0")),
                List.of(new AccessGrant("a", "read")));

        assertThat(evolved.server()).isEqualTo(b.server());
        assertThat(evolved.contractMajorVersion()).isEqualTo(2);
        assertThat(evolved.access()).containsExactly(new AccessGrant("a", "read"));
        assertThat(evolved.server().setting("path")).contains("data");
    }

    @Test
    void policyInputWithoutTeamHasNoTeam() {
        assertThat(Fixtures.policyInput("orders", null).document().get("product"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("team");
        assertThat(Fixtures.policyInput("orders", "t").document().get("product"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("team");
    }
}
