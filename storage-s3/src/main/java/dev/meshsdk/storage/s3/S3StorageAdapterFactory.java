package dev.meshsdk.storage.s3;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Creates the {@code s3} storage adapter, which serves ODCS servers of type {@code s3}: each schema object
 * of a port becomes a Delta Lake table (or, with {@code format: parquet}, a Parquet prefix) under the
 * server's {@code location} ({@code s3://bucket/prefix}) in the owning team's own bucket, reached at
 * {@code endpointUrl} when set (S3-compatible stores). Settings: {@code mesh.s3.region},
 * {@code mesh.s3.profile}, {@code mesh.s3.pathStyleAccess}, {@code mesh.s3.bucketGovernance} (default
 * {@code true}: tags, lifecycle rules and bucket policy statements), {@code mesh.s3.principalArnTemplate},
 * {@code mesh.s3.teams.<team>.buckets}. Erasure from Delta tables uses a {@link DeltaEraser} found with
 * {@link ServiceLoader} ({@code mesh-spark}).
 */
public final class S3StorageAdapterFactory implements StorageAdapterFactory {
    /** The adapter's name and the server type it serves. */
    public static final String NAME = "s3";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> serverTypes() {
        return Set.of(NAME);
    }

    /** Creates the adapter; connects to nothing until it is used. */
    @Override
    public StorageAdapter create(AdapterContext context) {
        ClassLoader loader = S3StorageAdapterFactory.class.getClassLoader();
        return new S3StorageAdapter(context, () -> findEraser(loader));
    }

    static Optional<DeltaEraser> findEraser(ClassLoader loader) {
        return ServiceLoader.load(DeltaEraser.class, loader).findFirst();
    }
}
