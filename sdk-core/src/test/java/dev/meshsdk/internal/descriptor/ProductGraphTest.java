package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductGraphTest {
    private static ProductSource product(String id, List<String> consumes) {
        List<InputPort> in = consumes.stream()
                .map(c -> new InputPort(c, "1.0.0", c + "-out", null, null, null))
                .toList();
        List<OutputPort> out = List.of(new OutputPort("out", null, null, "1.0.0", id + "-out", null, null, null));
        DataProduct p = new DataProduct(
                "v1.0.0",
                "DataProduct",
                id,
                null,
                "1.0.0",
                "active",
                null,
                null,
                null,
                null,
                in,
                out,
                null,
                null,
                null);
        return new ProductSource(Path.of(id), Path.of(id, "product.yaml"), p, List.of(), "x", null);
    }

    @Test
    void producersComeFirstThenById() {
        ProductSource c = product("c", List.of("a"));
        ProductSource b = product("b", List.of());
        ProductSource a = product("a", List.of("b"));
        ProductSource d = product("d", List.of());
        List<String> order = ProductGraph.dependencyOrder(List.of(c, d, a, b)).stream()
                .map(p -> p.product().id())
                .toList();
        assertThat(order).containsExactly("b", "a", "c", "d");
        assertThat(ProductGraph.consumes(c, List.of(a, b, c, d))).containsExactly("a");
        assertThat(ProductGraph.consumes(b, List.of(a, b, c, d))).isEmpty();
    }

    @Test
    void cycleThrowsInvalidDescriptorListingTheCycle() {
        ProductSource a = product("a", List.of("b"));
        ProductSource b = product("b", List.of("c"));
        ProductSource c = product("c", List.of("a"));
        assertThatThrownBy(() -> ProductGraph.dependencyOrder(List.of(c, b, a)))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("a -> b -> c -> a")
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR));
    }
}
