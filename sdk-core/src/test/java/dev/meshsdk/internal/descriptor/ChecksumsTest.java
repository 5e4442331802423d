package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    @Test
    void independentOfInsertionOrderAndSensitiveToNamesAndBytes() {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("product.yaml", "x".getBytes(StandardCharsets.UTF_8));
        a.put("contracts/a.yaml", "y".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("contracts/a.yaml", "y".getBytes(StandardCharsets.UTF_8));
        b.put("product.yaml", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(Checksums.sha256(a)).isEqualTo(Checksums.sha256(b)).hasSize(64);
        b.put("contracts/a.yaml", "z".getBytes(StandardCharsets.UTF_8));
        assertThat(Checksums.sha256(b)).isNotEqualTo(Checksums.sha256(a));
        Map<String, byte[]> renamed = Map.of(
                "product.yaml",
                "x".getBytes(StandardCharsets.UTF_8),
                "contracts/b.yaml",
                "y".getBytes(StandardCharsets.UTF_8));
        assertThat(Checksums.sha256(renamed)).isNotEqualTo(Checksums.sha256(a));
    }

    @Test
    void loadedProductsCarryTheChecksumOfAllTheirFiles() {
        DescriptorLoader loader = new DescriptorLoader(Set.of());
        String first =
                loader.load(List.of(Fixtures.path("cycle-a"))).products().get(0).checksum();
        String again =
                loader.load(List.of(Fixtures.path("cycle-a"))).products().get(0).checksum();
        String other =
                loader.load(List.of(Fixtures.path("cycle-b"))).products().get(0).checksum();
        assertThat(first).isEqualTo(again).isNotEqualTo(other);
    }

    @Test
    void loadedForValidationOnlyTheSameReportWithoutHashing() {
        DescriptorLoader loader = new DescriptorLoader(Set.of());
        for (String fixture : List.of("cycle-a", "cycle-b")) {
            LoadResult full = loader.load(List.of(Fixtures.path(fixture)));
            LoadResult quick = loader.load(List.of(Fixtures.path(fixture)), false);
            assertThat(quick.report().diagnostics()).isEqualTo(full.report().diagnostics());
            assertThat(quick.products()).hasSameSizeAs(full.products()).isNotEmpty();
            assertThat(quick.products().get(0).checksum()).isEqualTo(DescriptorLoader.NOT_COMPUTED);
            assertThat(quick.products().get(0).product())
                    .isEqualTo(full.products().get(0).product());
            assertThat(full.products().get(0).checksum()).hasSize(64);
        }
    }
}
