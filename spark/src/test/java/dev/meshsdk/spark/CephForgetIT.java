package dev.meshsdk.spark;

import dev.meshsdk.spi.Secrets;
import dev.meshsdk.testkit.CephRgw;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Forget on a real Ceph RADOS Gateway (the testkit's {@link CephRgw}: skipped with the reason where Ceph is not
 * installed, failing with {@code CI=true}), with bucket governance on: the deploy tags the team's bucket and
 * writes the owner marker, Spark's Delta commits and the erasure go through S3A to RGW.
 */
@ExtendWith(CephRgw.class)
class CephForgetIT extends S3ForgetCases {
    private static String bucket;

    @Override
    Store store() {
        S3Client team = CephRgw.client("team");
        synchronized (CephForgetIT.class) {
            if (bucket == null) {
                bucket = "forget-ceph-" + ProcessHandle.current().pid();
                team.createBucket(b -> b.bucket(bucket));
            }
        }
        return new Store(
                CephRgw.endpoint().toString(),
                bucket,
                new Secrets.Credential(CephRgw.accessKey("team"), CephRgw.secretKey("team")),
                team,
                Map.of("mesh.s3.region", "us-east-1"));
    }
}
