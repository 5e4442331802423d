package dev.meshsdk.spi.storage;

import java.time.Duration;
import java.util.Locale;
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

    /**
     * {@link #delete} and then {@link #purge}, as one step an eraser may do with less work: rewrite the files that
     * held the rows in the delete's own commit (no deletion vectors to purge afterwards), then VACUUM. The rows
     * must be out of every file of the table's latest version when it returns; the default does the two calls.
     * Returns how many rows went.
     */
    default long deleteAndPurge(
            String tableUri, Map<String, String> hadoopConf, String column, String value, Duration retention) {
        long rows = delete(tableUri, hadoopConf, column, value);
        purge(tableUri, hadoopConf, retention);
        return rows;
    }

    /** The table property that says how long Delta keeps files a commit removed, for time travel. */
    String DELETED_FILE_RETENTION = "delta.deletedFileRetentionDuration";

    /** Delta's default for {@value #DELETED_FILE_RETENTION}: one week. */
    Duration DEFAULT_DELETED_FILE_RETENTION = Duration.ofDays(7);

    /**
     * How long the table keeps removed files for time travel: its {@value #DELETED_FILE_RETENTION} (a Delta
     * interval such as {@code interval 7 days} or {@code interval 1 week 12 hours}), else Delta's default of
     * one week. VACUUM with the table's own retention removes the files that held erased rows this long after
     * the commit that removed them.
     *
     * @throws IllegalArgumentException when the property is not an interval of weeks, days, hours, minutes,
     *                                  seconds or milliseconds
     */
    static Duration deletedFileRetention(Map<String, String> tableProperties) {
        String text = tableProperties == null ? null : tableProperties.get(DELETED_FILE_RETENTION);
        if (text == null || text.isBlank()) return DEFAULT_DELETED_FILE_RETENTION;
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        int i = words[0].equals("interval") ? 1 : 0;
        if (i >= words.length || (words.length - i) % 2 != 0) throw badInterval(text);
        Duration total = Duration.ZERO;
        for (; i < words.length; i += 2) {
            long n;
            try {
                n = Long.parseLong(words[i]);
            } catch (NumberFormatException e) {
                throw badInterval(text);
            }
            String unit =
                    words[i + 1].endsWith("s") ? words[i + 1].substring(0, words[i + 1].length() - 1) : words[i + 1];
            total = total.plus(
                    switch (unit) {
                        case "week" -> Duration.ofDays(7 * n);
                        case "day" -> Duration.ofDays(n);
                        case "hour" -> Duration.ofHours(n);
                        case "minute" -> Duration.ofMinutes(n);
                        case "second" -> Duration.ofSeconds(n);
                        case "millisecond" -> Duration.ofMillis(n);
                        default -> throw badInterval(text);
                    });
        }
        return total;
    }

    private static IllegalArgumentException badInterval(String text) {
        return new IllegalArgumentException("Cannot read " + DELETED_FILE_RETENTION + " '" + text
                + "': write a Delta interval such as 'interval 7 days'");
    }
}
