package dev.meshsdk;

import java.util.Objects;

/**
 * One change {@code mesh:upgrade} makes to a descriptor, or one it cannot make on its own.
 *
 * @param line       the 1-based line of the element in the file as it is now
 * @param path       the element, as a dotted path ({@code schema.0.quality.1.rule}); empty for the document
 * @param from       what the file holds now
 * @param to         what the upgraded file holds; for a change that needs a human, what to do
 * @param needsHuman true when the change cannot be made mechanically: the rest of the file is still upgraded
 *                   when the result validates, and this element is left as it was
 */
public record UpgradeChange(int line, String path, String from, String to, boolean needsHuman) {
    public UpgradeChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** {@code line: path: from -> to}, or {@code line: path: from; needs a human: to}. */
    public String format() {
        String where = line + ": " + (path.isEmpty() ? "" : path + ": ");
        return needsHuman ? where + from + "; needs a human: " + to : where + from + " -> " + to;
    }
}
