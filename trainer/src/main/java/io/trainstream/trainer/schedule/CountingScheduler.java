package io.trainstream.trainer.schedule;

import java.util.List;
import java.util.Objects;

/**
 * A scheduler that counts its own updates the way the reference's {@code StatefulSchedulerBase} does:
 * the counter starts at −1 and {@link #step()} increments it, then applies {@link #valueAt}, so after
 * the k-th optimizer update the rate for update index k−1 is in place. The rate used by the first
 * update is whatever the constructor set (the base rate unless a subclass sets a warm-up start).
 *
 * <p>A scheduler may drive several rates (the reference's parameter groups): each has its own base
 * value, its {@link LearningRate#initialValue()}.
 */
public abstract class CountingScheduler implements LrScheduler {

    private final List<LearningRate> rates;
    private long numUpdates = -1;

    /** @param rates the rates to drive, at least one; each starts at its base value */
    protected CountingScheduler(List<LearningRate> rates) {
        if (rates == null || rates.isEmpty()) {
            throw new IllegalArgumentException("a scheduler needs at least one learning rate");
        }
        this.rates = List.copyOf(rates);
        this.rates.forEach(Objects::requireNonNull);
        this.rates.forEach(rate -> rate.set(rate.initialValue()));
    }

    /**
     * @param numUpdates the 0-based index of the update the value is for
     * @param baseValue the rate's base value
     * @return the rate to apply
     */
    protected abstract double valueAt(long numUpdates, double baseValue);

    @Override
    public void step() {
        numUpdates++;
        apply();
    }

    /** Applies {@link #valueAt} for the current counter to every rate. */
    protected final void apply() {
        for (LearningRate rate : rates) {
            rate.set((float) valueAt(numUpdates, rate.initialValue()));
        }
    }

    /** @param value sets every rate to one value (a warm-up start set at construction) */
    protected final void setAll(double value) {
        rates.forEach(rate -> rate.set((float) value));
    }

    /** @return the reference's counter: −1 before the first step, then the index of the last update applied */
    public long currentStep() {
        return numUpdates;
    }

    /** @param value the counter to continue from (restored state) */
    protected final void restoreCounter(long value) {
        numUpdates = value;
    }

    @Override
    public long stepsTaken() {
        return numUpdates + 1;
    }

    @Override
    public float currentValue() {
        return rates.get(0).value();
    }

    /** @return the rates this scheduler drives, in order */
    public List<LearningRate> learningRates() {
        return rates;
    }
}
