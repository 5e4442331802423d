package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.SchemaProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A column's {@code subjectKey} custom property, which erasure acts on (code {@code MESH-ERASURE}): {@code true},
 * {@code false}, or the name of the kind of data subject the column identifies. Teams name their own kinds
 * ({@code customer}, {@code employee}), so only the shape of a name is checked: what {@code mesh:forget
 * -Dmesh.subjectType=...} can name, with no space around it.
 */
final class SubjectKeyChecks {
    static final String PROPERTY = "subjectKey";
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

    private SubjectKeyChecks() {}

    static void check(SchemaProperty prop, String pointer, Path file, Problems problems) {
        List<CustomProperty> custom = prop.customProperties();
        for (int k = 0; k < custom.size(); k++) {
            if (!PROPERTY.equals(custom.get(k).property())) continue;
            Object v = custom.get(k).value();
            if (v instanceof Boolean
                    || (v instanceof String s && TYPE.matcher(s).matches())) continue;
            String shown = v instanceof String s ? Quoted.of(s) : String.valueOf(v);
            String trimmed = String.valueOf(v).trim();
            String near = v instanceof String && TYPE.matcher(trimmed).matches()
                    ? trimmed
                    : Suggestions.closest(trimmed, List.of("true", "false"));
            problems.error(
                    "MESH-ERASURE",
                    file,
                    Pointers.child(Pointers.child(Pointers.child(pointer, "customProperties"), k), "value"),
                    "Cannot mark column " + Quoted.of(prop.name()) + " as a subject key: subjectKey has " + shown
                            + ", not true, false or the name of a kind of data subject",
                    (near != null ? "perhaps you meant '" + near + "'; " : "")
                            + "write 'subjectKey: true', or a name of letters, digits, '_' or '-' starting with a"
                            + " letter, such as 'customer'");
        }
    }
}
