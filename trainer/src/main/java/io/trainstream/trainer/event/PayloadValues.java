package io.trainstream.trainer.event;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts the values callers put into custom events into the types the log carries: null, Boolean,
 * Long, Double, String and {@code double[]}. NDArrays become their values as doubles (and their shape
 * as a separate {@code <key>.shape} entry); anything else becomes its {@code toString()}.
 */
public final class PayloadValues {

    /** Largest NDArray, in elements, copied into an event; a larger one is rejected with a clear error. */
    public static final long MAX_ARRAY_ELEMENTS = 65_536;

    private PayloadValues() {}

    /**
     * @param eventName the event the values belong to, for error messages
     * @param args the caller's values
     * @return the values in wire types, in the caller's order
     * @throws IllegalArgumentException when an array is larger than {@link #MAX_ARRAY_ELEMENTS}
     */
    public static Map<String, Object> normalize(String eventName, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : args.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof NDArray array) {
                checkSize(eventName, entry.getKey(), array.size());
                out.put(entry.getKey(), toDoubles(array));
                out.put(entry.getKey() + ".shape", array.getShape().toString());
            } else {
                out.put(entry.getKey(), normalize(eventName, entry.getKey(), value));
            }
        }
        return out;
    }

    private static Object normalize(String eventName, String key, Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof double[]) {
            if (value instanceof double[] doubles) {
                checkSize(eventName, key, doubles.length);
            }
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof float[] floats) {
            checkSize(eventName, key, floats.length);
            double[] doubles = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                doubles[i] = floats[i];
            }
            return doubles;
        }
        return value.toString();
    }

    private static double[] toDoubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static void checkSize(String eventName, String key, long size) {
        if (size > MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException("custom event '" + eventName + "' argument '" + key + "' has " + size
                    + " elements; at most " + MAX_ARRAY_ELEMENTS + " are published per array");
        }
    }
}
