package dev.meshsdk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Mesh#check} checks, and what fails it.
 *
 * @param products the ids of the products to check; empty: every product in the catalog of the environment
 * @param failOn   {@link FailOn#ERROR}: only failed rules of severity {@code error} (or none written) fail the
 *                 check; {@link FailOn#WARNING}: failed {@code warning} rules fail it too
 */
public record CheckRequest(List<String> products, FailOn failOn) {
    public CheckRequest {
        products = List.copyOf(products);
        Objects.requireNonNull(failOn, "failOn");
    }

    /** Every product of the environment, failing on errors only. */
    public static CheckRequest all() {
        return new CheckRequest(List.of(), FailOn.ERROR);
    }

    /** These products, failing on errors only. */
    public static CheckRequest of(String... productIds) {
        return new CheckRequest(List.of(productIds), FailOn.ERROR);
    }

    /** The same products, failing on {@code failOn}. */
    public CheckRequest failingOn(FailOn failOn) {
        return new CheckRequest(products, failOn);
    }

    /** The severity from which a failed rule fails the check. */
    public enum FailOn {
        ERROR,
        WARNING;

        /** {@code error} or {@code warning}, in any case. */
        public static FailOn of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION, "Cannot fail a check on '" + name + "': use error or warning");
            }
        }
    }
}
