package dev.meshsdk;

import java.util.List;

/**
 * What {@code mesh:upgrade} would change: one entry per descriptor that is not at the newest version the SDK
 * supports (files already at it are not listed and never written). Computing it has no side effect;
 * {@link Mesh#applyUpgrade} writes it.
 *
 * @param files        the files to upgrade, in path order
 * @param productNewest the newest ODPS version the SDK supports, the version products are upgraded to
 * @param contractNewest the newest ODCS version the SDK supports
 */
public record UpgradePlan(List<FileUpgrade> files, String productNewest, String contractNewest) {
    public UpgradePlan {
        files = List.copyOf(files);
    }

    /** The files applying writes. */
    public List<FileUpgrade> writable() {
        return files.stream().filter(FileUpgrade::writable).toList();
    }

    /** The files that cannot be written, each with its problems. */
    public List<FileUpgrade> blocked() {
        return files.stream().filter(f -> !f.writable()).toList();
    }

    /** The number of changes applying makes, over the writable files. */
    public int changeCount() {
        return writable().stream().mapToInt(f -> f.made().size()).sum();
    }

    /**
     * The one closing line: {@code Upgraded 2 file(s) to ODCS v3.1.0 / ODPS v1.0.0: 5 change(s)}, with
     * {@code ; 1 file(s) cannot be upgraded and stay as they are} when some cannot be, {@code 1 file(s) to upgrade,
     * none written: 1 cannot be upgraded} when none can be, or {@code 0 file(s) to upgrade} when every file is at the
     * newest version; with {@code dryRun}, "Would upgrade" and "none would be written".
     */
    public String summary(boolean dryRun) {
        if (files.isEmpty()) return "0 file(s) to upgrade";
        int blocked = blocked().size();
        if (writable().isEmpty()) {
            return files.size() + " file(s) to upgrade, none " + (dryRun ? "would be " : "") + "written: " + blocked
                    + " cannot be upgraded";
        }
        return (dryRun ? "Would upgrade " : "Upgraded ") + writable().size() + " file(s) to ODCS " + contractNewest
                + " / ODPS " + productNewest + ": " + changeCount() + " change(s)"
                + (blocked == 0
                        ? ""
                        : "; " + blocked + " file(s) cannot be upgraded and " + (dryRun ? "would stay" : "stay")
                                + " as they are");
    }
}
