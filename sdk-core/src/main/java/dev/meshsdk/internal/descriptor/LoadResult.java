package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.ValidationReport;
import java.util.List;

/**
 * What loading descriptors produced: the products that could be read (possibly with errors reported),
 * and every diagnostic. Callers must not deploy anything when {@code report.hasErrors()}.
 */
public record LoadResult(List<ProductSource> products, ValidationReport report) {
    public LoadResult {
        products = List.copyOf(products);
    }
}
