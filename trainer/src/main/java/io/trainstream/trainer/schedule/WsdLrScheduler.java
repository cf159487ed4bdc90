package io.trainstream.trainer.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Warmup–stable–decay (WSD) learning rates, as the reference's {@code WSDLrScheduler}: an optional
 * linear warm-up from {@code warmupStartingLr}, then the base rate, decaying over the last
 * {@code decayPhaseRatio} of each checkpoint period to {@code lrMin × base} (lrMin is a ratio of each
 * base rate). Checkpoints are {@link #estimateCheckpointSteps geometrically spaced}. The decay follows
 * {@code base·(lrMin + (1−lrMin)(1−√t))} when {@code useInverseSqrtDecay} (the default), else the
 * paper's {@code base / (t/lrMin + (1−t))}, t being the fraction of the decay done.
 *
 * <p>A continuation run ({@code continuationFromCheckpoint(true)}) loads the state of an earlier
 * run with {@link #loadState}, keeps its own total steps, restarts its counter, has no warm-up and
 * starts with a fresh stable phase. Differences from the reference, on purpose: the counter is saved
 * and restored (the reference's state leaves it out, so a resumed run restarted the schedule), and a
 * continuation stays a continuation after loading a non-continuation state (the reference overwrote
 * the flag with the saved one and warmed up again). A period with no decay steps is at its floor once
 * past its end, where the reference divides by zero.
 */
public final class WsdLrScheduler extends CountingScheduler implements CheckpointingScheduler {

    private int totalSteps;
    private int numWarmupSteps;
    private double decayPhaseRatio;
    private double lrMin;
    private double warmupStartingLr;
    private boolean useInverseSqrtDecay;
    private int numCheckpoints;
    private boolean continuation;
    private Integer previousCheckpointStep;
    private List<Integer> checkpointSteps;
    private List<WsdPeriod> decayInfo;

    private WsdLrScheduler(List<LearningRate> rates, int totalSteps, Integer numWarmupSteps, double decayPhaseRatio,
            double lrMin, double warmupStartingLr, boolean useInverseSqrtDecay, int numCheckpoints,
            boolean continuation) {
        super(rates);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("total steps must be > 0, was " + totalSteps);
        }
        if (!(decayPhaseRatio >= 0 && decayPhaseRatio <= 1)) {
            throw new IllegalArgumentException("decayPhaseRatio must be between 0 and 1, was " + decayPhaseRatio);
        }
        if (!(lrMin >= 0)) {
            throw new IllegalArgumentException("lrMin must be >= 0, was " + lrMin);
        }
        if (numCheckpoints <= 0) {
            throw new IllegalArgumentException("numCheckpoints must be > 0, was " + numCheckpoints);
        }
        double maxBase = rates.stream().mapToDouble(LearningRate::initialValue).max().orElseThrow();
        if (warmupStartingLr > maxBase) {
            throw new IllegalArgumentException("warmupStartingLr " + warmupStartingLr
                    + " should not exceed the maximum base learning rate " + maxBase);
        }
        // geometric spacing: a decay longer than a third of a period could overlap the previous one
        if (numCheckpoints > 1 && decayPhaseRatio > 1.0 / 3) {
            throw new IllegalArgumentException("decay phase ratio " + decayPhaseRatio + " is too large and may cause "
                    + "overlapping decay phases; the maximum safe ratio is 0.33 with " + numCheckpoints + " checkpoints");
        }
        this.totalSteps = totalSteps;
        this.numWarmupSteps = numWarmupSteps == null ? (int) (0.01 * totalSteps) : numWarmupSteps;
        this.decayPhaseRatio = decayPhaseRatio;
        this.lrMin = lrMin;
        this.warmupStartingLr = warmupStartingLr;
        this.useInverseSqrtDecay = useInverseSqrtDecay;
        this.numCheckpoints = numCheckpoints;
        this.continuation = continuation;
        replan();
    }

    /**
     * @param rates the rates to drive (usually one); each one's initial value is its base
     * @return a builder with the reference factory's defaults
     */
    public static Builder builder(LearningRate... rates) {
        return new Builder(List.of(rates));
    }

    /**
     * The reference's checkpoint placement: one checkpoint ⇒ {@code [total]}; otherwise
     * {@code min((total/4)·2^k, total)} for k = 0, 1, … , stopping early once total is reached (so 3
     * checkpoints give 25/50/100 %, 2 give 25/50 %).
     *
     * @param totalSteps total updates
     * @param numCheckpoints checkpoints wanted
     * @return the checkpoint steps
     */
    public static List<Integer> estimateCheckpointSteps(int totalSteps, int numCheckpoints) {
        if (numCheckpoints == 1) {
            return List.of(totalSteps);
        }
        int first = totalSteps / 4;
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < numCheckpoints; i++) {
            int checkpoint = (int) Math.min((long) first << i, totalSteps);
            steps.add(checkpoint);
            if (checkpoint == totalSteps) {
                break;
            }
        }
        return List.copyOf(steps);
    }

    private void replan() {
        checkpointSteps = estimateCheckpointSteps(totalSteps, numCheckpoints);
        List<WsdPeriod> periods = new ArrayList<>();
        for (int i = 0; i < checkpointSteps.size(); i++) {
            int start = i == 0 ? 0 : checkpointSteps.get(i - 1);
            int end = checkpointSteps.get(i);
            int decaySteps = (int) ((end - start) * decayPhaseRatio);
            periods.add(new WsdPeriod(start, end, decaySteps, end - decaySteps));
        }
        decayInfo = List.copyOf(periods);
    }

    @Override
    protected double valueAt(long n, double base) {
        if (!continuation && n < numWarmupSteps) {
            return warmupStartingLr + (n / (double) numWarmupSteps) * (base - warmupStartingLr);
        }
        // the period holding update n: the first checkpoint beyond n, or (past every checkpoint) the
        // first period, as in the reference
        int index = 0;
        for (int i = 0; i < checkpointSteps.size(); i++) {
            if (n < checkpointSteps.get(i)) {
                index = i;
                break;
            }
        }
        int periodStart = index == 0 ? 0 : checkpointSteps.get(index - 1);
        int periodLength = checkpointSteps.get(index) - periodStart;
        long intoPeriod = n - periodStart;
        int decaySteps = (int) (periodLength * decayPhaseRatio);
        int decayStart = periodLength - decaySteps;
        if (continuation && intoPeriod < decayStart) {
            return base;
        }
        if (intoPeriod == decayStart - 1) {
            previousCheckpointStep = (int) n;
        }
        if (intoPeriod >= decayStart) {
            double t = decaySteps == 0 ? 1.0 : Math.min((intoPeriod - decayStart) / (double) decaySteps, 1.0);
            if (useInverseSqrtDecay) {
                return base * (lrMin + (1 - lrMin) * (1 - Math.sqrt(t)));
            }
            return base / (t * (1.0 / lrMin) + (1.0 - t));
        }
        return base;
    }

    @Override
    public List<Integer> checkpointSteps() {
        return checkpointSteps;
    }

    @Override
    public List<WsdPeriod> decayInfo() {
        return decayInfo;
    }

    @Override
    public WsdPeriod phaseInfo(long numUpdates) {
        for (WsdPeriod period : decayInfo) {
            if (period.periodEnd() >= numUpdates) {
                return period;
            }
        }
        return decayInfo.get(decayInfo.size() - 1);
    }

    /** @return the period of the current counter */
    public WsdPeriod currentPhaseInfo() {
        return phaseInfo(currentStep());
    }

    @Override
    public double decayPhaseRatio() {
        return decayPhaseRatio;
    }

    /** @return total updates the schedule covers */
    public int totalSteps() {
        return totalSteps;
    }

    /** @return warm-up updates */
    public int numWarmupSteps() {
        return numWarmupSteps;
    }

    /** @return the floor as a ratio of each base rate */
    public double lrMin() {
        return lrMin;
    }

    /** @return the number of checkpoints asked for */
    public int numCheckpoints() {
        return numCheckpoints;
    }

    /** @return whether this run continues from an earlier run's checkpoint */
    public boolean isContinuationFromCheckpoint() {
        return continuation;
    }

    /** @return the last update index seen just before a decay phase, or null */
    public Integer previousCheckpointStep() {
        return previousCheckpointStep;
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> state = new LinkedHashMap<>();
        state.put("total_steps", (double) totalSteps);
        state.put("num_warmup_steps", (double) numWarmupSteps);
        state.put("decay_phase_ratio", decayPhaseRatio);
        state.put("lr_min", lrMin);
        state.put("warmup_starting_lr", warmupStartingLr);
        state.put("use_inverse_sqrt_decay", useInverseSqrtDecay ? 1.0 : 0.0);
        state.put("num_checkpoints", (double) numCheckpoints);
        state.put("is_continuation_from_checkpoint", continuation ? 1.0 : 0.0);
        if (previousCheckpointStep != null) {
            state.put("previous_checkpoint_step", (double) previousCheckpointStep);
        }
        state.put("num_updates", (double) currentStep());
        return Map.copyOf(state);
    }

    /**
     * Restores a saved state. A continuation keeps its own total steps, flag and fresh counter, drops the
     * previous checkpoint step and re-plans its checkpoints; any other scheduler restores everything.
     */
    @Override
    public void loadState(Map<String, Double> state) {
        Objects.requireNonNull(state, "state");
        numWarmupSteps = state.getOrDefault("num_warmup_steps", (double) numWarmupSteps).intValue();
        decayPhaseRatio = state.getOrDefault("decay_phase_ratio", decayPhaseRatio);
        lrMin = state.getOrDefault("lr_min", lrMin);
        warmupStartingLr = state.getOrDefault("warmup_starting_lr", warmupStartingLr);
        useInverseSqrtDecay = state.getOrDefault("use_inverse_sqrt_decay", useInverseSqrtDecay ? 1.0 : 0.0) != 0;
        numCheckpoints = state.getOrDefault("num_checkpoints", (double) numCheckpoints).intValue();
        if (continuation) {
            previousCheckpointStep = null;
            replan();
            return;
        }
        totalSteps = state.getOrDefault("total_steps", (double) totalSteps).intValue();
        continuation = state.getOrDefault("is_continuation_from_checkpoint", 0.0) != 0;
        Double previous = state.get("previous_checkpoint_step");
        previousCheckpointStep = previous == null ? null : previous.intValue();
        replan();
        long counter = state.getOrDefault("num_updates", -1.0).longValue();
        restoreCounter(counter);
        if (counter >= 0) {
            apply();
        }
    }

    /**
     * Options of a {@link WsdLrScheduler}, with the defaults of the reference's
     * {@code create_scheduler_fn}: total steps = {@link Placeholder#NUM_EPOCHS} ×
     * {@link Placeholder#PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH} (or {@link #totalSteps}), warm-up
     * 1 % of the total unless set (the reference's constructor defaults to 0), decay ratio 0.1, lrMin
     * 1e-6, warm-up start 1e-6, sqrt decay, 1 checkpoint, not a continuation.
     */
    public static final class Builder {
        private final List<LearningRate> rates;
        private IntValue numEpochs = Placeholder.NUM_EPOCHS;
        private IntValue numUpdateStepsPerEpoch = Placeholder.PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH;
        private IntValue totalSteps;
        private IntValue numWarmupSteps;
        private double decayPhaseRatio = 0.1;
        private double lrMin = 1e-6;
        private double warmupStartingLr = 1e-6;
        private boolean useInverseSqrtDecay = true;
        private int numCheckpoints = 1;
        private boolean continuation;

        private Builder(List<LearningRate> rates) {
            this.rates = rates;
        }

        /** @param value training epochs (ignored when total steps are set) @return this */
        public Builder numEpochs(IntValue value) {
            numEpochs = Objects.requireNonNull(value, "numEpochs");
            return this;
        }

        /** @param value updates per epoch (ignored when total steps are set) @return this */
        public Builder numUpdateStepsPerEpoch(IntValue value) {
            numUpdateStepsPerEpoch = Objects.requireNonNull(value, "numUpdateStepsPerEpoch");
            return this;
        }

        /** @param value total updates, instead of epochs × updates per epoch @return this */
        public Builder totalSteps(IntValue value) {
            totalSteps = Objects.requireNonNull(value, "totalSteps");
            return this;
        }

        /** @param value warm-up updates @return this */
        public Builder numWarmupSteps(int value) {
            numWarmupSteps = IntValue.of(value);
            return this;
        }

        /** @param value warm-up epochs, in {@code PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH} updates each @return this */
        public Builder numWarmupEpochs(int value) {
            numWarmupSteps = Placeholder.PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH.times(value);
            return this;
        }

        /** @param value fraction of each checkpoint period spent decaying @return this */
        public Builder decayPhaseRatio(double value) {
            decayPhaseRatio = value;
            return this;
        }

        /** @param value the floor as a ratio of each base rate @return this */
        public Builder lrMin(double value) {
            lrMin = value;
            return this;
        }

        /** @param value where warm-up starts @return this */
        public Builder warmupStartingLr(double value) {
            warmupStartingLr = value;
            return this;
        }

        /** @param value true for the sqrt decay, false for the paper's inverse-proportional one @return this */
        public Builder useInverseSqrtDecay(boolean value) {
            useInverseSqrtDecay = value;
            return this;
        }

        /** @param value checkpoints to plan @return this */
        public Builder numCheckpoints(int value) {
            numCheckpoints = value;
            return this;
        }

        /** @param value whether this run continues from an earlier run's checkpoint @return this */
        public Builder continuationFromCheckpoint(boolean value) {
            continuation = value;
            return this;
        }

        /** @return a factory resolving the placeholders when the trainer creates the scheduler */
        public SchedulerFactory factory() {
            return this::build;
        }

        /**
         * @param context the run the scheduler is for
         * @return the scheduler
         */
        public WsdLrScheduler build(ScheduleContext context) {
            int total = totalSteps != null ? totalSteps.resolve(context)
                    : Math.multiplyExact(numEpochs.resolve(context), numUpdateStepsPerEpoch.resolve(context));
            return create(total, context);
        }

        /**
         * Builds outside a trainer (warm-up must then not be given in epochs).
         *
         * @param total total updates
         * @return the scheduler
         */
        public WsdLrScheduler build(int total) {
            return create(total, null);
        }

        private WsdLrScheduler create(int total, ScheduleContext context) {
            Integer warmup = numWarmupSteps == null ? null : numWarmupSteps.resolve(context);
            return new WsdLrScheduler(rates, total, warmup, decayPhaseRatio, lrMin, warmupStartingLr,
                    useInverseSqrtDecay, numCheckpoints, continuation);
        }
    }
}
