package io.trainstream.trainer.schedule;

import ai.djl.training.tracker.ParameterTracker;

/**
 * A learning rate a scheduler can change during training. Give it to the optimizer
 * ({@code Optimizer.adam().optLearningRateTracker(lr)}) and to the scheduler factory: DJL optimizers
 * read their rate through a tracker, so this is the handle through which a scheduler reaches them.
 */
public final class LearningRate implements ParameterTracker {

    private final float initialValue;
    private volatile float value;

    private LearningRate(float initialValue) {
        if (!(initialValue > 0) || Float.isInfinite(initialValue)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, was " + initialValue);
        }
        this.initialValue = initialValue;
        this.value = initialValue;
    }

    /**
     * @param initialValue the base learning rate
     * @return a learning rate starting at {@code initialValue}
     */
    public static LearningRate of(float initialValue) {
        return new LearningRate(initialValue);
    }

    /** @return the base learning rate */
    public float initialValue() {
        return initialValue;
    }

    /** @return the current learning rate */
    public float value() {
        return value;
    }

    /** @param newValue the learning rate optimizers read from now on */
    public void set(float newValue) {
        value = newValue;
    }

    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        return value;
    }
}
