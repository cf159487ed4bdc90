package io.trainstream.trainer.data;

/**
 * Reads CSV cells as float32 values, refusing what {@link Float#parseFloat} would quietly accept: NaN,
 * Infinity, hexadecimal, type suffixes ({@code 1d}, {@code 1f}) and values that overflow float32. Only
 * plain decimal notation with an optional exponent passes ({@code -1.5}, {@code .5}, {@code 2e-3}).
 */
final class StrictNumbers {

    private StrictNumbers() {
    }

    /**
     * @param cell a trimmed cell
     * @return why the cell is not a finite float32 number, or null when it is one
     */
    static String problem(String cell) {
        if (cell.isEmpty()) {
            return "empty value (missing values are not supported)";
        }
        if (!looksNumeric(cell)) {
            return "'" + cell + "' is not a number";
        }
        float value = Float.parseFloat(cell);
        if (Float.isInfinite(value)) {
            return "'" + cell + "' overflows a 32-bit float (largest magnitude ~3.4e38)";
        }
        return null;
    }

    /**
     * @param cell a trimmed cell
     * @return the value; call only when {@link #problem} returned null
     */
    static float parse(String cell) {
        return Float.parseFloat(cell);
    }

    /** @return true for plain decimal notation: sign, digits with at most one point, an optional exponent */
    static boolean looksNumeric(String cell) {
        int i = 0;
        int n = cell.length();
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < n && cell.charAt(i) >= '0' && cell.charAt(i) <= '9'; i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }
}
