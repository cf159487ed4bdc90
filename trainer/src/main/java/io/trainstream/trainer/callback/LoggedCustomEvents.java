package io.trainstream.trainer.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.trainstream.events.EventBody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the live {@link CustomEvent} callbacks receive into the custom event the log records
 * ({@link EventBody.Custom}): values in the types the log carries (null, Boolean, Long, Double, String,
 * List of Double). An NDArray becomes its values as doubles plus its shape as a separate
 * {@code <key>.shape} field; a float or double array its values; anything else its {@code toString()}.
 */
public final class LoggedCustomEvents {

    /** Largest array, in elements, copied into an event; a larger one is rejected with a clear error. */
    public static final long MAX_ARRAY_ELEMENTS = 65_536;

    private LoggedCustomEvents() {}

    /**
     * @param live the event as raised, with live arguments
     * @return the event as logged
     * @throws IllegalArgumentException when an array is larger than {@link #MAX_ARRAY_ELEMENTS}
     */
    static EventBody.Custom of(CustomEvent live) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : live.args().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof NDArray array) {
                checkSize(live.name(), entry.getKey(), array.size());
                fields.put(entry.getKey(), doubles(array.toType(DataType.FLOAT64, false).toDoubleArray()));
                fields.put(entry.getKey() + ".shape", array.getShape().toString());
            } else {
                fields.put(entry.getKey(), logged(live.name(), entry.getKey(), value));
            }
        }
        return new EventBody.Custom(live.name(), fields);
    }

    private static Object logged(String eventName, String key, Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof double[] values) {
            checkSize(eventName, key, values.length);
            return doubles(values);
        }
        if (value instanceof float[] floats) {
            checkSize(eventName, key, floats.length);
            List<Double> out = new ArrayList<>(floats.length);
            for (float f : floats) {
                out.add((double) f);
            }
            return out;
        }
        return value.toString();
    }

    private static List<Double> doubles(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double d : values) {
            out.add(d);
        }
        return out;
    }

    private static void checkSize(String eventName, String key, long size) {
        if (size > MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException("custom event '" + eventName + "' argument '" + key + "' has " + size
                    + " elements; at most " + MAX_ARRAY_ELEMENTS + " are published per array");
        }
    }
}
