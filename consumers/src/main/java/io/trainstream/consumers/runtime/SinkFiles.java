package io.trainstream.consumers.runtime;

/** Turning user-provided text (run ids, metric names, sample ids) into safe file names and CSV fields. */
public final class SinkFiles {

    private SinkFiles() {
    }

    /**
     * @param text a run id or other name
     * @return the text with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}, never
     *     empty, never {@code .} or {@code ..}, so it is one path segment
     */
    public static String fileName(String text) {
        String safe = text == null ? "" : text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.equals(".") || safe.equals("..")) {
            return "_" + safe;
        }
        return safe;
    }

    /**
     * @param text a CSV field
     * @return the field quoted (RFC 4180) when it holds a comma, quote or line break
     */
    public static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * @param value a number
     * @return {@link Double#toString} (exact round trip; {@code NaN}, {@code Infinity}, {@code -Infinity}),
     *     except that whole numbers below 2^53 print without {@code .0}, as class labels should
     */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15 && !(value == 0 && 1 / value < 0)) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
