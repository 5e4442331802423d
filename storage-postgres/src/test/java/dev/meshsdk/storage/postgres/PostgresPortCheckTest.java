package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL adapter refuses in a contract, told without a database (none runs here), each at its place. */
class PostgresPortCheckTest {

    @Test
    void aBadSchemaNameAndAnUnknownPhysicalTypeAreLocatedWithoutConnecting() {
        Server server = Fixtures.server(
                "db", "postgres", Map.of("host", "db.invalid", "database", "shop", "schema", "sales; drop"));
        DataContract c = Fixtures.contract(
                "orders-contract",
                "1.0.0",
                List.of(server),
                List.of(Fixtures.object(
                        "orders",
                        List.of(
                                Fixtures.property("id", "string"),
                                Fixtures.property("qty", "integer", "integr", false, null, null)))));
        SupportsPortCheck adapter = (SupportsPortCheck) new PostgresStorageAdapterFactory()
                .create(new AdapterContext("dev", Path.of("."), Map.of(), null, null, null));

        List<PortProblems.Problem> problems = adapter.check(Fixtures.binding(c, server));

        assertThat(problems)
                .extracting(PortProblems.Problem::pointer)
                .containsExactly("/servers/0/schema", "/schema/0/properties/1");
        assertThat(problems.get(1).message())
                .startsWith("Cannot map column orders.qty: physicalType"
                        + " 'integr' is not a PostgreSQL type this adapter writes");
        assertThat(problems.get(1).hint())
                .isEqualTo("perhaps you meant 'integer'; else use one of them or drop physicalType");
    }
}
