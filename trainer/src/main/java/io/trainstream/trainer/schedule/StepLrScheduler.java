package io.trainstream.trainer.schedule;

import java.util.Map;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} optimizer updates (PyTorch's
 * {@code StepLR} counted in updates): after k steps the rate is {@code base · gamma^(k / stepSize)}.
 */
public final class StepLrScheduler implements LrScheduler {

    private final LearningRate learningRate;
    private final int stepSize;
    private final double gamma;
    private long updates;

    /**
     * @param learningRate the rate to drive
     * @param stepSize updates between decays
     * @param gamma decay factor
     */
    public StepLrScheduler(LearningRate learningRate, int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("stepSize must be > 0, was " + stepSize);
        }
        this.learningRate = learningRate;
        this.stepSize = stepSize;
        this.gamma = gamma;
        learningRate.set(learningRate.initialValue());
    }

    /**
     * @param learningRate the rate to drive
     * @param stepSize updates between decays; may be a placeholder such as
     *     {@code Placeholder.NUM_UPDATE_STEPS_PER_EPOCH.times(7)}
     * @param gamma decay factor
     * @return a factory resolving {@code stepSize} when the run starts
     */
    public static SchedulerFactory factory(LearningRate learningRate, IntValue stepSize, double gamma) {
        return context -> new StepLrScheduler(learningRate, context.resolve(stepSize), gamma);
    }

    /** @return the resolved update count between decays */
    public int stepSize() {
        return stepSize;
    }

    /** @return the decay factor */
    public double gamma() {
        return gamma;
    }

    @Override
    public long stepsTaken() {
        return updates;
    }

    @Override
    public void step() {
        updates++;
        apply();
    }

    private void apply() {
        learningRate.set((float) (learningRate.initialValue() * Math.pow(gamma, updates / stepSize)));
    }

    @Override
    public float currentValue() {
        return learningRate.value();
    }

    @Override
    public Map<String, Double> state() {
        return Map.of("updates", (double) updates);
    }

    @Override
    public void loadState(Map<String, Double> state) {
        updates = state.getOrDefault("updates", 0.0).longValue();
        apply();
    }
}
