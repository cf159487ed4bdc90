package io.trainstream.trainer.kafka;

import io.trainstream.trainer.event.TrainingEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one event's payload map, failing with the event and field named. */
final class Fields {

    private final String eventName;
    private final Map<String, Object> values;

    Fields(TrainingEvent event) {
        this(event.name(), event.payload());
    }

    Fields(String eventName, Map<String, Object> values) {
        this.eventName = eventName;
        this.values = values == null ? Map.of() : values;
    }

    Number number(String key) {
        return (Number) required(key, Number.class);
    }

    boolean bool(String key) {
        return (Boolean) required(key, Boolean.class);
    }

    String string(String key) {
        return (String) required(key, String.class);
    }

    String stringOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    Long longOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : ((Number) check(key, value, Number.class)).longValue();
    }

    Double doubleOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : ((Number) check(key, value, Number.class)).doubleValue();
    }

    boolean boolOr(String key, boolean fallback) {
        Object value = values.get(key);
        return value == null ? fallback : (Boolean) check(key, value, Boolean.class);
    }

    /** @return a nested map, or an empty one when absent */
    Fields nested(String key) {
        Object value = values.get(key);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = value == null ? Map.of() : (Map<String, Object>) check(key, value, Map.class);
        return new Fields(eventName + "." + key, map);
    }

    /** @return a nested map with every value rendered as a string (nulls left out); empty when absent */
    Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) check(key, value, Map.class)).forEach((k, v) -> {
            if (v != null) {
                out.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return out;
    }

    List<Double> doublesOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : toDoubles(value);
    }

    List<String> stringsOrNull(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof Object[] array) {
            for (Object o : array) {
                out.add(String.valueOf(o));
            }
        } else {
            for (Object o : (Collection<?>) check(key, value, Collection.class)) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /**
     * @param value a custom event value as normalized by the trainer
     * @return it in a type the CustomEvent field union carries: null, Boolean, Long, Double, String, List of Double
     */
    static Object wireValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Float || value instanceof java.math.BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof double[] || value instanceof float[] || value instanceof Collection<?>) {
            return toDoubles(value);
        }
        return value.toString();
    }

    private static List<Double> toDoubles(Object value) {
        if (value instanceof double[] doubles) {
            List<Double> out = new ArrayList<>(doubles.length);
            for (double d : doubles) {
                out.add(d);
            }
            return out;
        }
        if (value instanceof float[] floats) {
            List<Double> out = new ArrayList<>(floats.length);
            for (float d : floats) {
                out.add((double) d);
            }
            return out;
        }
        if (value instanceof Collection<?> collection) {
            List<Double> out = new ArrayList<>(collection.size());
            for (Object o : collection) {
                out.add(((Number) o).doubleValue());
            }
            return out;
        }
        throw new IllegalArgumentException("expected an array of numbers, got " + value.getClass().getName());
    }

    private Object required(String key, Class<?> type) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("event '" + eventName + "' has no value for '" + key + "'; it has "
                    + Collections.unmodifiableSet(values.keySet()));
        }
        return check(key, value, type);
    }

    private Object check(String key, Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("event '" + eventName + "' field '" + key + "' must be a "
                    + type.getSimpleName() + ", was " + value.getClass().getSimpleName());
        }
        return value;
    }
}
