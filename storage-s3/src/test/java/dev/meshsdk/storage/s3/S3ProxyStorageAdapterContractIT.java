package dev.meshsdk.storage.s3;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.StorageAdapterContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The storage adapter contract against the in-process S3Proxy: Delta tables created, inspected from the
 * real Delta log, evolved and refused. S3Proxy has no bucket policies, tags or lifecycle rules, so bucket
 * governance is off here, and a contract that grants access is refused rather than left unenforced; the
 * same contract with governance runs on Ceph in {@link CephStorageAdapterContractIT}.
 */
class S3ProxyStorageAdapterContractIT extends StorageAdapterContract {
    private static final String BUCKET = TestS3Proxy.newBucket();

    @Override
    protected StorageAdapterFactory factory() {
        return new S3StorageAdapterFactory();
    }

    @Override
    protected AdapterContext context() {
        return new AdapterContext(
                "dev", Path.of("."), Map.of("mesh.s3.bucketGovernance", "false"), TestS3Proxy.secrets(), null, null);
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        String location = "s3://" + BUCKET + "/sales/" + UUID.randomUUID();
        return Fixtures.binding(
                contract,
                new dev.meshsdk.model.Server(
                        "s3proxy",
                        "s3",
                        null,
                        null,
                        TestS3Proxy.settings(location),
                        List.of(new dev.meshsdk.model.CustomProperty(
                                "credentialsId", TestS3Proxy.CREDENTIALS_ID, null)),
                        Map.of()));
    }

    @Override
    protected void removeHome(PortBinding b) {
        try (var s3 = TestS3Proxy.client()) {
            TestS3Proxy.deleteAll(s3, b.server().setting("location").orElseThrow());
        }
    }

    @Override
    protected boolean supportsAccessControl() {
        return false;
    }
}
