package dev.meshsdk.model;

import java.util.Map;

/** An ODCS {@code slaProperties} entry ({@code latency}, {@code retention}, {@code frequency}, ...). */
public record SlaProperty(
        String property,
        Object value,
        Object valueExt,
        String unit,
        String element,
        String driver,
        Map<String, Object> extensions) {
    public SlaProperty {
        extensions = Values.map(extensions);
    }
}
