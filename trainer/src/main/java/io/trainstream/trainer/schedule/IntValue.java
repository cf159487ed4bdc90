package io.trainstream.trainer.schedule;

/**
 * An integer scheduler argument that may depend on the run, resolved when the scheduler is created:
 * a constant, a {@link Placeholder}, or a placeholder combined with constants by {@link #times} and
 * {@link #plus} (constant on the right, as in the reference). Subtraction is not supported.
 */
@FunctionalInterface
public interface IntValue {

    /**
     * @param context the run the scheduler is created for
     * @return the value for that run
     */
    int resolve(ScheduleContext context);

    /**
     * @param value a constant
     * @return a value that is always {@code value}
     */
    static IntValue of(int value) {
        return context -> value;
    }

    /**
     * @param factor constant multiplier
     * @return this value times {@code factor}
     */
    default IntValue times(int factor) {
        return context -> Math.multiplyExact(resolve(context), factor);
    }

    /**
     * @param addend constant to add
     * @return this value plus {@code addend}
     */
    default IntValue plus(int addend) {
        return context -> Math.addExact(resolve(context), addend);
    }

    /**
     * Not supported, as in the reference.
     *
     * @param subtrahend ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    default IntValue minus(int subtrahend) {
        throw new UnsupportedOperationException("Subtraction is not supported for scheduler placeholders; "
                + "compute the value in a custom SchedulerFactory instead");
    }
}
