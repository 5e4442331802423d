package dev.meshsdk;

import java.util.Objects;

/**
 * One change {@code mesh:upgrade} makes to a descriptor, or one it cannot make on its own.
 *
 * @param line       the 1-based line of the element in the file as it is now
 * @param column     the 1-based column of the element's key in the file as it is now
 * @param path       the element, as a dotted path ({@code schema.0.quality.1.rule}); empty for the document
 * @param from       what the file holds now, {@code key: value} where the element is one key
 * @param to         what the upgraded file holds; for a change that needs a human, what to do
 * @param needsHuman true when the change cannot be made mechanically: the rest of the file is still upgraded
 *                   when the result validates, and this element is left as it was
 */
public record UpgradeChange(int line, int column, String path, String from, String to, boolean needsHuman) {
    public UpgradeChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * {@code line:column: path: from -> to}, or {@code line:column: path: from; needs a human: to}. Where
     * {@code from} starts with the element's own key ({@code rule: nullCheck}), the path names its parent only, so
     * the key is not written twice: {@code 2:1: apiVersion: v3.0.0 -> apiVersion: v3.1.0}.
     */
    public String format() {
        int dot = path.lastIndexOf('.');
        String key = path.substring(dot + 1);
        String shown = !key.isEmpty() && from.startsWith(key + ":") ? (dot < 0 ? "" : path.substring(0, dot)) : path;
        String where = line + ":" + column + ": " + (shown.isEmpty() ? "" : shown + ": ");
        return needsHuman ? where + from + "; needs a human: " + to : where + from + " -> " + to;
    }
}
