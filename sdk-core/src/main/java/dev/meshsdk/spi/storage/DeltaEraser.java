package dev.meshsdk.spi.storage;

import java.time.Duration;
import java.util.Map;

/**
 * Deletes one data subject's rows from a Delta Lake table, and later makes the deletion physical.
 * Storage adapters whose ports are Delta tables ({@code local}, {@code s3}) find an implementation with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.meshsdk.spi.storage.DeltaEraser}); the
 * {@code mesh-spark} module provides one. Without it those adapters report erasure as unsupported and
 * say which module to add.
 *
 * <p>Called from one thread at a time per table. Failures throw {@link dev.meshsdk.MeshException} with
 * {@code STORAGE_FAILURE} and the cause; the table is left as it was (one Delta commit or none).
 */
public interface DeltaEraser {

    /**
     * Deletes every row whose {@code column} equals {@code value} in one Delta commit (with deletion
     * vectors where the table has them) and returns how many rows went.
     *
     * @param tableUri   the table's root, {@code file:/...} or {@code s3a://bucket/prefix}
     * @param hadoopConf file system settings for the table's store (S3A endpoint, credentials); may be empty
     * @param value      personal data: never logged, never in an exception message
     */
    long delete(String tableUri, Map<String, String> hadoopConf, String column, String value);

    /**
     * Removes files no longer referenced by the table and older than {@code retention} (Delta VACUUM),
     * so erased rows are gone from storage. Returns how many files were removed.
     */
    long purge(String tableUri, Map<String, String> hadoopConf, Duration retention);
}
