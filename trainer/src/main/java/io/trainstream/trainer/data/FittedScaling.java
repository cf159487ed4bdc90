package io.trainstream.trainer.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A feature scaling fitted on training rows: {@code (x - shift[c]) / divisor[c]} per column. Saved with
 * a model so that predictions scale new rows exactly as the training rows were.
 *
 * @param shift subtracted from each column
 * @param divisor each column is divided by it (never 0)
 */
public record FittedScaling(double[] shift, double[] divisor) {

    /** Validates and copies. */
    public FittedScaling {
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(divisor, "divisor");
        if (shift.length != divisor.length) {
            throw new IllegalArgumentException("shift and divisor differ in length: " + shift.length + " vs " + divisor.length);
        }
        shift = shift.clone();
        divisor = divisor.clone();
    }

    /** @param width the number of features @return the scaling that leaves values as they are */
    public static FittedScaling identity(int width) {
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return new FittedScaling(new double[width], ones);
    }

    /** @return the number of feature columns */
    public int width() {
        return shift.length;
    }

    /** @param rows packed rows of {@link #width()} values, scaled in place */
    public void apply(float[] rows) {
        int width = width();
        for (int i = 0; i < rows.length; i++) {
            int c = i % width;
            rows[i] = (float) ((rows[i] - shift[c]) / divisor[c]);
        }
    }

    /** @return a copy of the shifts */
    @Override
    public double[] shift() {
        return shift.clone();
    }

    /** @return a copy of the divisors */
    @Override
    public double[] divisor() {
        return divisor.clone();
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object other) {
        return other instanceof FittedScaling that && Arrays.equals(shift, that.shift) && Arrays.equals(divisor, that.divisor);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shift) + Arrays.hashCode(divisor);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "FittedScaling[shift=" + Arrays.toString(shift) + ", divisor=" + Arrays.toString(divisor) + "]";
    }
}
