package dev.meshsdk.spark;

import dev.meshsdk.spi.Secrets;
import java.util.Map;

/** Forget on S3Proxy in this JVM, which has no bucket policies, tags or lifecycle rules: bucket governance off. */
class S3ProxyForgetIT extends S3ForgetCases {
    @Override
    Store store() {
        TestS3 s3 = TestS3.get();
        return new Store(
                s3.endpoint,
                TestS3.BUCKET,
                new Secrets.Credential(TestS3.ACCESS_KEY, TestS3.SECRET_KEY),
                s3.client,
                Map.of("mesh.s3.bucketGovernance", "false", "mesh.s3.region", "us-east-1"));
    }
}
