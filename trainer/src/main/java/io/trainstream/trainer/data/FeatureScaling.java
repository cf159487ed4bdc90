package io.trainstream.trainer.data;

/**
 * How feature columns are scaled. Statistics are fitted on the training rows only and applied to both
 * the training and the evaluation rows, so nothing of the evaluation set leaks into training.
 */
public enum FeatureScaling {

    /** Values are used as they are. */
    NONE,

    /** Each column is divided by its largest absolute value (columns of zeros are left alone). */
    MAX_ABS,

    /** Each column is shifted to mean 0 and divided by its standard deviation (constant columns: by 1). */
    STANDARDIZE;

    /**
     * Fits this scaling on some rows and applies it, in place, to every given row.
     *
     * @param rows the feature rows, all of the same length
     * @param fitRows indices of the rows the statistics are computed from
     */
    void fitAndApply(float[][] rows, int[] fitRows) {
        if (this == NONE || rows.length == 0) {
            return;
        }
        int width = rows[0].length;
        double[] shift = new double[width];
        double[] divisor = new double[width];
        for (int c = 0; c < width; c++) {
            divisor[c] = this == MAX_ABS ? maxAbs(rows, fitRows, c) : standardDeviation(rows, fitRows, c, shift);
            if (divisor[c] == 0 || !Double.isFinite(divisor[c])) {
                divisor[c] = 1;
            }
        }
        for (float[] row : rows) {
            for (int c = 0; c < width; c++) {
                row[c] = (float) ((row[c] - shift[c]) / divisor[c]);
            }
        }
    }

    private static double maxAbs(float[][] rows, int[] fitRows, int column) {
        double max = 0;
        for (int r : fitRows) {
            max = Math.max(max, Math.abs(rows[r][column]));
        }
        return max;
    }

    private static double standardDeviation(float[][] rows, int[] fitRows, int column, double[] meanOut) {
        double sum = 0;
        for (int r : fitRows) {
            sum += rows[r][column];
        }
        double mean = fitRows.length == 0 ? 0 : sum / fitRows.length;
        double squares = 0;
        for (int r : fitRows) {
            double d = rows[r][column] - mean;
            squares += d * d;
        }
        meanOut[column] = mean;
        return fitRows.length == 0 ? 0 : Math.sqrt(squares / fitRows.length);
    }
}
