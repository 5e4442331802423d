package dev.meshsdk.internal.data;

import dev.meshsdk.ClassifyResult.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification findings as the policies see them: the input's {@code detected} section, by product id, each
 * {@code {port, majorVersion, table, column, detector, share, matched, sampled}}. No value is in it.
 */
public final class DetectedSection {
    private DetectedSection() {}

    public static Map<String, List<Map<String, Object>>> of(List<Finding> findings) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", f.port());
            m.put("majorVersion", f.majorVersion());
            m.put("table", f.table());
            m.put("column", f.column());
            m.put("detector", f.detector());
            m.put("share", f.share());
            m.put("matched", f.matched());
            m.put("sampled", f.sampled());
            out.computeIfAbsent(f.productId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }
}
