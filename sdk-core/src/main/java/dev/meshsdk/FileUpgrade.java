package dev.meshsdk;

import dev.meshsdk.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The upgrade of one descriptor file to the newest version of its standard the SDK supports, computed
 * without touching the file.
 *
 * @param file        the product or contract file
 * @param standard    {@code ODPS} or {@code ODCS}
 * @param fromVersion the {@code apiVersion} the file declares
 * @param toVersion   the version it is upgraded to
 * @param changes     the changes made and those that need a human, in line order
 * @param problems    why the file cannot be written: the upgraded text would not validate against the schema of
 *                    {@code toVersion} (located in the file as it is now), or the file could not be read;
 *                    empty when it can be written
 * @param checksum    the SHA-256 of the file's bytes the upgrade was computed from; applying refuses a file
 *                    that has changed since
 * @param newText     the upgraded text (the original text where it could not be upgraded)
 */
public record FileUpgrade(
        Path file,
        String standard,
        String fromVersion,
        String toVersion,
        List<UpgradeChange> changes,
        List<Diagnostic> problems,
        String checksum,
        String newText) {
    public FileUpgrade {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(toVersion, "toVersion");
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(newText, "newText");
    }

    /** Whether applying the plan writes this file: it can be upgraded and the result validates. */
    public boolean writable() {
        return problems.isEmpty();
    }

    /** The changes made (not those that need a human). */
    public List<UpgradeChange> made() {
        return changes.stream().filter(c -> !c.needsHuman()).toList();
    }

    /** The changes that need a human. */
    public List<UpgradeChange> needingHuman() {
        return changes.stream().filter(UpgradeChange::needsHuman).toList();
    }
}
