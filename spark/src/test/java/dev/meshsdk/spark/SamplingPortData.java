package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.storage.jdbc.ServerConnections;
import dev.meshsdk.storage.jdbc.TableSample;
import dev.meshsdk.storage.postgres.PostgresDialect;
import java.util.List;

/**
 * A test stand-in for the stores' {@link PortData} (the publish goal's work, not merged here) that samples only,
 * through the real sampling code: {@link DeltaTableSample} for {@code local} and {@code s3} ports, and
 * {@link TableSample} with the PostgreSQL dialect for {@code postgres} ports. Publishing is not supported.
 */
final class SamplingPortData implements PortData {
    private final DeltaTableSample delta;
    private final ServerConnections postgres;

    SamplingPortData(AdapterContext context) {
        this.delta = new DeltaTableSample(TestSpark::session, context);
        this.postgres = new ServerConnections(context, "mesh.postgres", "jdbc:postgresql:", 5432);
    }

    /** A plugin holding only this. */
    static MeshPlugin plugin() {
        return new MeshPlugin() {
            @Override
            public List<PortDataFactory> portData() {
                return List.of(new PortDataFactory() {
                    @Override
                    public String name() {
                        return "test-sampling";
                    }

                    @Override
                    public PortData create(AdapterContext context) {
                        return new SamplingPortData(context);
                    }
                });
            }
        };
    }

    @Override
    public boolean supports(PortBinding port) {
        return delta.supports(port) || "postgres".equals(port.server().type());
    }

    @Override
    public PublishResult publish(PortBinding port, PublishRequest request) {
        throw new MeshException(ErrorCode.UNSUPPORTED, "Cannot publish: the test sampling stand-in only samples");
    }

    @Override
    public Sample sample(PortBinding port, String object, int rows) {
        return "postgres".equals(port.server().type())
                ? TableSample.sample(postgres, new PostgresDialect(), port, object, rows)
                : delta.sample(port, object, rows);
    }

    @Override
    public TableFacts facts(PortBinding port, String object) {
        return TableFacts.unknown();
    }

    @Override
    public void close() {
    }
}
