package io.trainstream.consumers.dashboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map helpers for the snapshot records. */
final class Maps {

    private Maps() {
    }

    /** An unmodifiable copy that keeps the iteration order (and allows no null map). */
    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
