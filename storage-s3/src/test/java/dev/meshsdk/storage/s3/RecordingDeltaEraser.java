package dev.meshsdk.storage.s3;

import dev.meshsdk.spi.storage.DeltaEraser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test double for the {@code mesh-spark} module's {@link DeltaEraser}, which this module must not depend on
 * (it would pull Spark into a storage adapter). It records the calls the adapter makes and answers with a
 * fixed row count, so the tests can check what the adapter hands over: the table URI, the S3A settings, the
 * subject column. Deleting rows for real is tested in {@code mesh-spark}.
 */
final class RecordingDeltaEraser implements DeltaEraser {
    record Call(String tableUri, Map<String, String> hadoopConf, String column, String value) {}

    final List<Call> calls = new ArrayList<>();

    @Override
    public long delete(String tableUri, Map<String, String> hadoopConf, String column, String value) {
        calls.add(new Call(tableUri, Map.copyOf(hadoopConf), column, value));
        return 3;
    }

    @Override
    public long purge(String tableUri, Map<String, String> hadoopConf, Duration retention) {
        return 0;
    }
}
