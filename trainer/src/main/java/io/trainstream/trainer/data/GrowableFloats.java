package io.trainstream.trainer.data;

import java.util.Arrays;

/** A float array that grows as values are appended: rows of a large file are kept as 4 bytes per value. */
final class GrowableFloats {

    private float[] values = new float[1024];
    private int size;

    void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(16, values.length + (values.length >> 1)));
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** @return the values, trimmed to their number */
    float[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
