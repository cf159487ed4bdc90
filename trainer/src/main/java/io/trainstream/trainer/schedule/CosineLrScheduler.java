package io.trainstream.trainer.schedule;

import java.util.Map;

/**
 * Linear warm-up, then cosine decay from the base rate to {@code lrMin} over the remaining updates
 * (with the reference's k-decay: {@code lrMin + ½(lrMax − lrMin)(1 + cos(π·n^k / T^k))}), then
 * {@code lrMin}.
 */
public final class CosineLrScheduler implements LrScheduler {

    private final LearningRate learningRate;
    private final int totalUpdates;
    private final int warmupUpdates;
    private final float lrMin;
    private final double kDecay;
    private long updates;

    /**
     * @param learningRate the rate to drive; its initial value is the peak
     * @param totalUpdates updates the schedule covers
     * @param warmupUpdates updates of linear warm-up from {@code lrMin}
     * @param lrMin the floor
     * @param kDecay the k of k-decay (1 for plain cosine)
     */
    public CosineLrScheduler(LearningRate learningRate, int totalUpdates, int warmupUpdates, float lrMin,
            double kDecay) {
        if (totalUpdates <= 0 || warmupUpdates < 0 || warmupUpdates >= totalUpdates) {
            throw new IllegalArgumentException("need 0 <= warmupUpdates < totalUpdates, got warmup=" + warmupUpdates
                    + " total=" + totalUpdates);
        }
        this.learningRate = learningRate;
        this.totalUpdates = totalUpdates;
        this.warmupUpdates = warmupUpdates;
        this.lrMin = lrMin;
        this.kDecay = kDecay;
        apply();
    }

    /**
     * A factory covering the whole run ({@code NUM_EPOCHS × NUM_UPDATE_STEPS_PER_EPOCH} updates).
     *
     * @param learningRate the rate to drive
     * @param warmupUpdates updates of warm-up, may be a placeholder expression
     * @param lrMin the floor
     * @return the factory
     */
    public static SchedulerFactory factory(LearningRate learningRate, IntValue warmupUpdates, float lrMin) {
        return context -> new CosineLrScheduler(learningRate,
                Placeholder.NUM_EPOCHS.resolve(context) * Placeholder.NUM_UPDATE_STEPS_PER_EPOCH.resolve(context),
                context.resolve(warmupUpdates), lrMin, 1.0);
    }

    @Override
    public void step() {
        updates++;
        apply();
    }

    private void apply() {
        float lrMax = learningRate.initialValue();
        double value;
        if (updates < warmupUpdates) {
            value = lrMin + (lrMax - lrMin) * (updates / (double) warmupUpdates);
        } else if (updates < totalUpdates) {
            double n = Math.pow(updates - warmupUpdates, kDecay);
            double t = Math.pow(totalUpdates - warmupUpdates, kDecay);
            value = lrMin + 0.5 * (lrMax - lrMin) * (1 + Math.cos(Math.PI * n / t));
        } else {
            value = lrMin;
        }
        learningRate.set((float) value);
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
