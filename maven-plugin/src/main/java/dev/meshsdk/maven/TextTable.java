package dev.meshsdk.maven;

import java.util.ArrayList;
import java.util.List;

/** The data goals' tables in the log: a header row and rows of cells, columns aligned, two spaces apart. */
final class TextTable {
    private TextTable() {}

    /** The table's lines; the last column is not padded, and no line ends in spaces. */
    static List<String> lines(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++)
                widths[i] = Math.max(widths[i], row.get(i).length());
        }
        List<String> out = new ArrayList<>();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
