package dev.meshsdk.storage.s3;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.testkit.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contracts and bindings for the storage-s3 tests, built on the testkit's standard fixture. */
final class Contracts {
    private Contracts() {}

    static Server server(String name, Map<String, Object> settings, String credentialsId) {
        List<CustomProperty> custom =
                credentialsId == null ? List.of() : List.of(new CustomProperty("credentialsId", credentialsId, null));
        return new Server(name, "s3", null, null, settings, custom, Map.of());
    }

    static QualityRule zeroRule(String metric, Map<String, Object> arguments) {
        return new QualityRule(
                null,
                null,
                null,
                "library",
                metric,
                arguments,
                Optional.of(new Threshold(Threshold.Operator.MUST_BE, List.of(BigDecimal.ZERO))),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                Map.of());
    }

    /** {@code status}: a string whose valid values are {@code new} and {@code paid}, and that must not be null. */
    static SchemaProperty status() {
        return new SchemaProperty(
                null,
                "status",
                null,
                "string",
                null,
                Map.of(),
                "Order status",
                null,
                false,
                false,
                false,
                null,
                false,
                null,
                null,
                List.of(),
                List.of(
                        zeroRule("invalidValues", Map.of("validValues", List.of("new", "paid"))),
                        zeroRule("nullValues", Map.of())),
                List.of(),
                null,
                List.of(),
                Map.of());
    }

    /** The standard orders contract plus {@code status} with two row rules and a 90-day retention SLA. */
    static DataContract orders() {
        DataContract c = Fixtures.withProperty(Fixtures.ordersContract(), Fixtures.OBJECT_NAME, status());
        return Fixtures.withSla(c, "retention", 90, "d");
    }

    static PortBinding binding(DataContract contract, Server server) {
        return Fixtures.binding(contract, server);
    }
}
