package dev.meshsdk;

import dev.meshsdk.plan.Change;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a deploy did: for each product in order, whether it changed and which changes were applied. */
public record DeploymentResult(String environment, List<ProductResult> products) {
    public DeploymentResult {
        Objects.requireNonNull(environment, "environment");
        products = List.copyOf(products);
    }

    /** Whether any product changed. */
    public boolean changed() {
        return products.stream().anyMatch(ProductResult::changed);
    }

    /** One product's outcome. */
    public record ProductResult(String productId, boolean changed, List<Change> applied, Duration took) {
        public ProductResult {
            applied = List.copyOf(applied);
        }
    }
}
