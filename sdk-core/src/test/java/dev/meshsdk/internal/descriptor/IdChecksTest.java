package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.model.IdRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Product and contract ids are checked once, at validation, for every registry, and located. */
class IdChecksTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    private static String contract(String id) {
        return Fixtures.contract('"' + id + '"', "");
    }

    @Test
    void productIdWithASpaceIsALocatedErrorWithAFix() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of("product.yaml", Fixtures.product("\"orders v2\"", "c"), "contracts/c.yaml", contract("c")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp)).containsExactly("p/product.yaml:3:5 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot use 'orders v2' as a product id: an id is 1 to 128"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        assertThat(r.errors().get(0).hint()).isEqualTo("perhaps you meant 'id: orders-v2'");
    }

    @Test
    void anInvalidContractIdIsOneErrorNotSuggestedNorReportedUnused() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("p", "sales-orders"),
                        "contracts/c.yaml",
                        contract("sales orders")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:3:5 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).hint()).isEqualTo("perhaps you meant 'id: sales-orders'");
    }

    @Test
    void aPortNamingAnotherContractIsNotToldToUseAnInvalidId() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("p", "customers"),
                        "contracts/c.yaml",
                        contract("sales orders"),
                        "contracts/d.yaml",
                        contract("customer")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp))
                .containsExactlyInAnyOrder(
                        "p/contracts/c.yaml:3:5 ERROR MESH-IDENT",
                        "p/product.yaml:9:17 ERROR MESH-REF",
                        "p/contracts/d.yaml:3:5 WARNING MESH-REF");
        assertThat(r.errors())
                .filteredOn(d -> d.code().equals("MESH-REF"))
                .singleElement()
                .satisfies(d -> assertThat(d.hint()).endsWith("; perhaps you meant 'customer'"));
    }

    @Test
    void anInvalidProductIdIsNotWrittenIntoItsContractsDataProduct() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("\"my orders\"", "c"),
                        "contracts/c.yaml",
                        contract("c").replace("status: active\n", "status: active\ndataProduct: orders\n")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp)).containsExactly("p/product.yaml:3:5 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).hint()).isEqualTo("perhaps you meant 'id: my-orders'");
    }

    @Test
    void contractIdWithTwoDotsIsALocatedError() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of("product.yaml", Fixtures.product("p", "a..b"), "contracts/c.yaml", contract("a..b")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:3:5 ERROR MESH-IDENT");
        assertThat(r.errors().get(0).message()).startsWith("Cannot use 'a..b' as a contract id: ");
    }

    @Test
    void standaloneDocumentsAreCheckedToo() {
        Path file = Fixtures.folder(tmp, Map.of("c.yaml", contract("-c"))).resolve("c.yaml");
        ValidationReport r = loader.loadDocument(file).report();
        assertThat(where(r, tmp)).containsExactly("c.yaml:3:5 ERROR MESH-IDENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders-v2", "sales.orders_2024", "0rders", "a"})
    void validIds(String id) {
        assertThat(IdRule.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "orders v2", "-orders", ".orders", "_orders", "a..b", "a/b", "ordérs", "a\nb"})
    void invalidIds(String id) {
        assertThat(IdRule.isValid(id)).isFalse();
    }

    @Test
    void idsAreAtMost128Characters() {
        assertThat(IdRule.isValid("a".repeat(128))).isTrue();
        assertThat(IdRule.isValid("a".repeat(129))).isFalse();
        assertThat(IdRule.closestValid("a".repeat(200))).hasSize(128);
        assertThat(IdRule.closestValid(" orders v2 ")).isEqualTo("orders-v2");
        assertThat(IdRule.closestValid("***")).isNull();
    }
}
