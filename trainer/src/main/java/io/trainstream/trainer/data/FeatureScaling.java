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
     * Fits this scaling on packed training rows.
     *
     * @param rows packed rows of {@code width} values
     * @param width the number of features
     * @return the fitted scaling (identity for {@link #NONE} or no rows)
     */
    public FittedScaling fit(float[] rows, int width) {
        int n = width == 0 ? 0 : rows.length / width;
        if (this == NONE || n == 0) {
            return FittedScaling.identity(width);
        }
        double[] shift = new double[width];
        double[] divisor = new double[width];
        for (int c = 0; c < width; c++) {
            if (this == MAX_ABS) {
                double max = 0;
                for (int r = 0; r < n; r++) {
                    max = Math.max(max, Math.abs(rows[r * width + c]));
                }
                divisor[c] = max;
            } else {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += rows[r * width + c];
                }
                double mean = sum / n;
                double squares = 0;
                for (int r = 0; r < n; r++) {
                    double d = rows[r * width + c] - mean;
                    squares += d * d;
                }
                shift[c] = mean;
                divisor[c] = Math.sqrt(squares / n);
            }
            if (divisor[c] == 0 || !Double.isFinite(divisor[c])) {
                divisor[c] = 1;
            }
        }
        return new FittedScaling(shift, divisor);
    }
}
