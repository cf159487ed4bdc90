package io.trainstream.trainer.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cosine annealing without restarts, with optional linear warm-up, cooldown at the floor and k-decay,
 * value for value as the reference's {@code CosineLrScheduler}: the counter starts at −1 (see
 * {@link CountingScheduler}); for update index n, with W warm-up, C cooldown and T total updates:
 * <ul>
 *   <li>n &lt; W: {@code start + n·(base − warmupStartingLr)/W}, where start is
 *       {@code warmupStartingLrRatio·base} when that ratio is set, else {@code warmupStartingLr};</li>
 *   <li>n &lt; T − (W + C): {@code min + ½(base − min)(1 + cos(π·(n−W)^k / (T−W−C)^k))};</li>
 *   <li>otherwise {@code min}, where min is {@code minLrRatio·base} when set, else {@code lrMin}.</li>
 * </ul>
 * Two quirks of the reference are kept so that values match: the warm-up increment always uses
 * {@code warmupStartingLr} (also when a ratio sets the start), and the cosine phase ends at
 * n = T − W − C although its length is T − W − C, so with warm-up it jumps to the floor before reaching
 * it. With warm-up the constructor sets the rate to {@code warmupStartingLr}, which the first update
 * uses.
 */
public final class CosineLrScheduler extends CountingScheduler {

    private Settings settings;

    /**
     * The resolved configuration, all counts in optimizer updates.
     *
     * @param totalUpdates T: epochs × updates per epoch, warm-up and cooldown included
     * @param warmupUpdates W
     * @param cooldownUpdates C
     * @param kDecay k of k-decay (1 for plain cosine)
     * @param lrMin the floor when {@code minLrRatio} is null
     * @param minLrRatio the floor as a ratio of each base rate, or null
     * @param warmupStartingLr the warm-up start when {@code warmupStartingLrRatio} is null
     * @param warmupStartingLrRatio the warm-up start as a ratio of each base rate, or null
     */
    public record Settings(int totalUpdates, int warmupUpdates, int cooldownUpdates, double kDecay, double lrMin,
            Double minLrRatio, double warmupStartingLr, Double warmupStartingLrRatio) {

        /** Validates as the reference does: positive total, non-negative floor and phases. */
        public Settings {
            if (totalUpdates <= 0) {
                throw new IllegalArgumentException("total updates (epochs × updates per epoch) must be > 0, was "
                        + totalUpdates);
            }
            if (!(lrMin >= 0)) {
                throw new IllegalArgumentException("lrMin must be >= 0, was " + lrMin);
            }
            if (warmupUpdates < 0 || cooldownUpdates < 0) {
                throw new IllegalArgumentException("warm-up and cooldown must be >= 0, were " + warmupUpdates + " and "
                        + cooldownUpdates);
            }
        }
    }

    private CosineLrScheduler(List<LearningRate> rates, Settings settings) {
        super(rates);
        this.settings = settings;
        if (settings.warmupUpdates() > 0) {
            setAll(settings.warmupStartingLr());
        }
    }

    /**
     * @param rates the rates to drive (usually one); each one's initial value is its peak
     * @return a builder with the reference's defaults
     */
    public static Builder builder(LearningRate... rates) {
        return new Builder(List.of(rates));
    }

    /**
     * A factory with the reference's defaults ({@code create_scheduler_fn()}): the whole run
     * ({@code NUM_EPOCHS × NUM_UPDATE_STEPS_PER_EPOCH}), floor 1e-6, no warm-up, no cooldown, k = 1.
     *
     * @param learningRate the rate to drive
     * @return the factory
     */
    public static SchedulerFactory factory(LearningRate learningRate) {
        return builder(learningRate).factory();
    }

    @Override
    protected double valueAt(long n, double base) {
        Settings s = settings;
        double floor = s.minLrRatio() != null ? s.minLrRatio() * base : s.lrMin();
        int warmup = s.warmupUpdates();
        if (n < warmup) {
            double start = s.warmupStartingLrRatio() != null ? s.warmupStartingLrRatio() * base : s.warmupStartingLr();
            return start + n * ((base - s.warmupStartingLr()) / warmup);
        }
        int cosineUpdates = s.totalUpdates() - (warmup + s.cooldownUpdates());
        if (n < cosineUpdates) {
            double k = s.kDecay();
            return floor + 0.5 * (base - floor)
                    * (1 + Math.cos(Math.PI * Math.pow(n - warmup, k) / Math.pow(cosineUpdates, k)));
        }
        return floor;
    }

    /** @return the resolved configuration (total, warm-up and cooldown updates, floor, k) */
    public Settings settings() {
        return settings;
    }

    @Override
    public Map<String, Double> state() {
        Settings s = settings;
        Map<String, Double> state = new LinkedHashMap<>();
        state.put("total_iterations", (double) s.totalUpdates());
        state.put("warmup_iterations", (double) s.warmupUpdates());
        state.put("num_cooldown_iterations", (double) s.cooldownUpdates());
        state.put("k_decay", s.kDecay());
        state.put("lr_min", s.lrMin());
        state.put("warmup_lr_init", s.warmupStartingLr());
        // a ratio that is not set is absent, as null is in the reference
        if (s.minLrRatio() != null) {
            state.put("lr_min_ratio", s.minLrRatio());
        }
        if (s.warmupStartingLrRatio() != null) {
            state.put("warmup_lr_ratio", s.warmupStartingLrRatio());
        }
        state.put("num_updates", (double) currentStep());
        return Map.copyOf(state);
    }

    /**
     * Restores every setting and the counter, as the reference does, then applies the rate for the
     * restored counter (the optimizer holds no rate of its own here, unlike a PyTorch param group).
     */
    @Override
    public void loadState(Map<String, Double> state) {
        Objects.requireNonNull(state, "state");
        Settings s = settings;
        settings = new Settings(intOr(state, "total_iterations", s.totalUpdates()),
                intOr(state, "warmup_iterations", s.warmupUpdates()),
                intOr(state, "num_cooldown_iterations", s.cooldownUpdates()), state.getOrDefault("k_decay", s.kDecay()),
                state.getOrDefault("lr_min", s.lrMin()), state.get("lr_min_ratio"),
                state.getOrDefault("warmup_lr_init", s.warmupStartingLr()), state.get("warmup_lr_ratio"));
        long counter = state.getOrDefault("num_updates", -1.0).longValue();
        restoreCounter(counter);
        if (counter >= 0) {
            apply();
        } else {
            learningRates().forEach(rate -> rate.set(rate.initialValue()));
            if (settings.warmupUpdates() > 0) {
                setAll(settings.warmupStartingLr());
            }
        }
    }

    private static int intOr(Map<String, Double> state, String key, int fallback) {
        Double value = state.get(key);
        return value == null ? fallback : value.intValue();
    }

    /**
     * Options of a {@link CosineLrScheduler}; every default is the reference's: total epochs
     * {@link Placeholder#NUM_EPOCHS}, updates per epoch {@link Placeholder#NUM_UPDATE_STEPS_PER_EPOCH},
     * k-decay 1.0, lrMin 1e-6, minLrRatio unset, no warm-up epochs, warm-up start 1e-6, warm-up start
     * ratio unset, no cooldown epochs.
     */
    public static final class Builder {
        private final List<LearningRate> rates;
        private IntValue totalNumEpochs = Placeholder.NUM_EPOCHS;
        private IntValue numUpdateStepsPerEpoch = Placeholder.NUM_UPDATE_STEPS_PER_EPOCH;
        private double kDecay = 1.0;
        private double lrMin = 1e-6;
        private Double minLrRatio;
        private IntValue numWarmupEpochs = IntValue.of(0);
        private double warmupStartingLr = 1e-6;
        private Double warmupStartingLrRatio;
        private IntValue numCooldownEpochs = IntValue.of(0);

        private Builder(List<LearningRate> rates) {
            this.rates = rates;
        }

        /** @param value total epochs, warm-up and cooldown included; a constant or placeholder @return this */
        public Builder totalNumEpochs(IntValue value) {
            totalNumEpochs = Objects.requireNonNull(value, "totalNumEpochs");
            return this;
        }

        /** @param value optimizer updates per epoch; a constant or placeholder @return this */
        public Builder numUpdateStepsPerEpoch(IntValue value) {
            numUpdateStepsPerEpoch = Objects.requireNonNull(value, "numUpdateStepsPerEpoch");
            return this;
        }

        /** @param value k of k-decay; higher keeps the rate high for longer @return this */
        public Builder kDecay(double value) {
            kDecay = value;
            return this;
        }

        /** @param value the floor, held during cooldown @return this */
        public Builder lrMin(double value) {
            lrMin = value;
            return this;
        }

        /** @param value the floor as a ratio of each base rate; takes precedence over lrMin @return this */
        public Builder minLrRatio(double value) {
            minLrRatio = value;
            return this;
        }

        /** @param value epochs of linear warm-up @return this */
        public Builder numWarmupEpochs(int value) {
            numWarmupEpochs = IntValue.of(value);
            return this;
        }

        /** @param value the warm-up start for every rate @return this */
        public Builder warmupStartingLr(double value) {
            warmupStartingLr = value;
            return this;
        }

        /** @param value the warm-up start as a ratio of each base rate; takes precedence @return this */
        public Builder warmupStartingLrRatio(double value) {
            warmupStartingLrRatio = value;
            return this;
        }

        /** @param value epochs held at the floor at the end @return this */
        public Builder numCooldownEpochs(int value) {
            numCooldownEpochs = IntValue.of(value);
            return this;
        }

        /** @return a factory resolving the placeholders when the trainer creates the scheduler */
        public SchedulerFactory factory() {
            return this::build;
        }

        /**
         * @param context the run the scheduler is for
         * @return the scheduler, placeholders resolved against {@code context}
         */
        public CosineLrScheduler build(ScheduleContext context) {
            return build(context.resolve(totalNumEpochs), context.resolve(numUpdateStepsPerEpoch), context);
        }

        /**
         * Builds outside a trainer: epoch counts given here, other options from this builder (which must
         * not use placeholders).
         *
         * @param epochs total epochs
         * @param updatesPerEpoch optimizer updates per epoch
         * @return the scheduler
         */
        public CosineLrScheduler build(int epochs, int updatesPerEpoch) {
            return build(epochs, updatesPerEpoch, null);
        }

        private CosineLrScheduler build(int epochs, int updatesPerEpoch, ScheduleContext context) {
            if (epochs <= 0 || updatesPerEpoch <= 0) {
                throw new IllegalArgumentException("total epochs and updates per epoch must be > 0, were " + epochs
                        + " and " + updatesPerEpoch);
            }
            int warmupEpochs = numWarmupEpochs.resolve(context);
            int cooldownEpochs = numCooldownEpochs.resolve(context);
            return new CosineLrScheduler(rates, new Settings(Math.multiplyExact(epochs, updatesPerEpoch),
                    warmupEpochs * updatesPerEpoch, cooldownEpochs * updatesPerEpoch, kDecay, lrMin, minLrRatio,
                    warmupStartingLr, warmupStartingLrRatio));
        }
    }
}
