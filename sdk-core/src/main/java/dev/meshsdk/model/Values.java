package dev.meshsdk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the model's records: absent collections become empty, order is kept, null map values are allowed. */
final class Values {
    private Values() {}

    static <T> List<T> list(List<T> in) {
        return in == null ? List.of() : List.copyOf(in);
    }

    static <V> Map<String, V> map(Map<String, V> in) {
        return in == null || in.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
