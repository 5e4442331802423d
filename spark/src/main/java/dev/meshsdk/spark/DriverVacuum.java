package dev.meshsdk.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor;
import org.apache.spark.sql.delta.actions.RemoveFile;

/**
 * VACUUM of a small table done in the driver: the rule of Delta's {@code VACUUM ... RETAIN}, without its Spark
 * jobs. A file in the table's folder is removed when the latest snapshot does not reference it (as a data file or
 * a deletion vector), no tombstone newer than the horizon keeps it for time travel, and it was last modified
 * before the horizon. Delta's VACUUM lists the folder and joins the listing with the table's state in a few Spark
 * jobs that cost seconds whatever the table's size; for an erasure's purge that is most of the time.
 *
 * <p>Used only where the rule is easy to apply exactly: at most {@value #MAX_FILES} files, and no hidden folder
 * besides {@code _delta_log} (a change data feed's {@code _change_data}, say). Otherwise {@link #run} answers
 * empty and the caller runs Delta's VACUUM. Like Delta's VACUUM with retention zero, removing files removed just
 * now can break a reader of an older version, and a writer's files not committed yet when they are older than
 * the horizon: the retention is the caller's decision.
 */
final class DriverVacuum {
    /** Above this many files, Delta's distributed listing is the better tool. */
    static final int MAX_FILES = 10_000;

    private DriverVacuum() {}

    /**
     * Removes the files VACUUM with this horizon would remove and returns how many, or empty (nothing removed)
     * when the table is one for Delta's VACUUM.
     *
     * @param horizonMillis files removed from the table (and last modified) before this instant go
     * @param retained      whether the retention is above zero: then the tombstones newer than the horizon are read
     *                      (one Spark job); with retention zero no commit made before the purge can be that new
     */
    static OptionalLong run(Snapshot snapshot, long horizonMillis, boolean retained) throws IOException {
        Path root = snapshot.deltaLog().dataPath();
        FileSystem fs = root.getFileSystem(snapshot.deltaLog().newDeltaHadoopConf());
        Optional<List<FileStatus>> listed = list(fs, root);
        if (listed.isEmpty()) return OptionalLong.empty();
        Set<Path> kept = new HashSet<>();
        for (AddFile f : DeletionVectorDelete.files(snapshot)) {
            keep(kept, fs, root, f.absolutePath(snapshot.deltaLog()), f.deletionVector());
        }
        if (retained) {
            // tombstones newer than the horizon keep their files for time travel, whatever the files' age
            for (RemoveFile r : snapshot.tombstones().collectAsList()) {
                if (r.delTimestamp() >= horizonMillis) {
                    keep(kept, fs, root, r.absolutePath(snapshot.deltaLog()), r.deletionVector());
                }
            }
        }
        long removed = 0;
        for (FileStatus s : listed.get()) {
            Path p = fs.makeQualified(s.getPath());
            if (kept.contains(p) || s.getModificationTime() >= horizonMillis) continue;
            if (fs.delete(p, false)) removed++;
        }
        return OptionalLong.of(removed);
    }

    private static void keep(Set<Path> kept, FileSystem fs, Path root, Path file, DeletionVectorDescriptor dv) {
        kept.add(fs.makeQualified(file));
        if (dv != null && dv.isOnDisk()) kept.add(fs.makeQualified(dv.absolutePath(root)));
    }

    /** Every file under the table's root but the log, or empty when the table is one for Delta's VACUUM. */
    private static Optional<List<FileStatus>> list(FileSystem fs, Path root) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(root));
        while (!dirs.isEmpty()) {
            Path dir = dirs.remove(dirs.size() - 1);
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                boolean hidden = name.startsWith("_") || name.startsWith(".");
                if (s.isDirectory()) {
                    if (dir.equals(root) && name.equals("_delta_log")) continue;
                    if (hidden) return Optional.empty();
                    dirs.add(s.getPath());
                } else if (!hidden) {
                    out.add(s);
                    if (out.size() > MAX_FILES) return Optional.empty();
                }
            }
        }
        return Optional.of(out);
    }
}
