package dev.meshsdk.storage.jdbc.load;

/** Writes values as CSV fields: every value quoted (a quote doubled), NULL as an empty unquoted field. */
final class CsvText {
    private CsvText() {}

    static void field(StringBuilder b, String value) {
        if (value == null) return;
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') b.append('"');
            b.append(c);
        }
        b.append('"');
    }
}
