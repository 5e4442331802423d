package dev.meshsdk.storage.s3;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.CephRgw;
import dev.meshsdk.testkit.StorageAdapterContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage adapter contract on a real Ceph RADOS Gateway with bucket governance on: Delta tables plus
 * bucket tags, the owner marker, lifecycle rules and bucket policy statements for the grants.
 */
@ExtendWith(CephRgw.class)
class CephStorageAdapterContractIT extends StorageAdapterContract {
    private static String bucket;

    static synchronized String bucket() {
        if (bucket == null) {
            bucket = "contract-" + ProcessHandle.current().pid();
            CephRgw.client("team").createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    static Secrets teamSecrets() {
        return id -> "ceph-team".equals(id)
                ? Optional.of(new Secrets.Credential(CephRgw.accessKey("team"), CephRgw.secretKey("team")))
                : Optional.empty();
    }

    @Override
    protected StorageAdapterFactory factory() {
        return new S3StorageAdapterFactory();
    }

    @Override
    protected AdapterContext context() {
        return new AdapterContext("dev", Path.of("."), Map.of(), teamSecrets(), null, null);
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        String location = "s3://" + bucket() + "/sales/" + UUID.randomUUID();
        return Contracts.binding(
                contract,
                Contracts.server(
                        "ceph",
                        Map.of(
                                "location",
                                location,
                                "endpointUrl",
                                CephRgw.endpoint().toString(),
                                "region",
                                "us-east-1"),
                        "ceph-team"));
    }

    @Override
    protected void removeHome(PortBinding b) {
        TestS3Proxy.deleteAll(
                CephRgw.client("team"), b.server().setting("location").orElseThrow());
    }
}
