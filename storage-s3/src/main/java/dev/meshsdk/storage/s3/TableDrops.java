package dev.meshsdk.storage.s3;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes every object of one table's prefix (its data files and its Delta log or Parquet manifest), for a retired
 * major version that the plan drops. Only keys inside the table's own prefix ({@code <prefix>/}) are listed, so a
 * neighbouring table ({@code orders_v2} beside {@code orders}) is never touched.
 */
final class TableDrops {
    private static final int BATCH = 1000;

    private TableDrops() {}

    /** Deletes the table's objects in batches; returns how many went. */
    static int delete(S3Client s3, S3Location table, Runnable onWrite) {
        String prefix = table.prefix().isEmpty() ? "" : table.prefix() + "/";
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(
                        b -> b.bucket(table.bucket()).prefix(prefix))
                .contents()) {
            if (table.contains(o.key()))
                keys.add(ObjectIdentifier.builder().key(o.key()).build());
        }
        for (int i = 0; i < keys.size(); i += BATCH) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + BATCH));
            DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(table.bucket())
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
            onWrite.run();
            if (r.hasErrors() && !r.errors().isEmpty()) {
                throw new IllegalStateException("S3 refused to delete "
                        + r.errors().size() + " object(s), the first "
                        + r.errors().get(0).key() + ": " + r.errors().get(0).code() + " "
                        + r.errors().get(0).message());
            }
        }
        return keys.size();
    }
}
