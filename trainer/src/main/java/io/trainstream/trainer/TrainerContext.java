package io.trainstream.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.LimitBatchesCallback;
import io.trainstream.trainer.checkpoint.OptimizerState;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.schedule.LrScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Trainer} holds and lets its hooks and callbacks read and adjust: the parts that live as
 * long as the trainer (model, loss, optimizer, DJL session, run history, callbacks and event-log
 * settings) and the current run's config, loaders, scheduler and position. {@link Trainer} is its only
 * subclass, and the type to use; this class only keeps the trainer's state apart from its behaviour.
 *
 * <p>Run state belongs to one {@code train()} or {@code evaluate()} call: a new run starts from nothing.
 * Between runs the accessors describe the run that ended last; before the first run they return null,
 * zero or NaN.
 */
public abstract sealed class TrainerContext permits Trainer {

    private final Model model;
    private final Loss lossFunction;
    private final Optimizer optimizer;
    private final DjlSession session;
    private final TrainerEventLog eventLog;
    private final RunHistory runHistory;
    private CallbackHandler callbackHandler;
    private TrainerRun run;
    private boolean trainingMode;

    TrainerContext(Model model, Loss lossFunction, Optimizer optimizer, Iterable<? extends TrainerCallback> callbacks,
            RunHistory runHistory) {
        this.model = Objects.requireNonNull(model, "model");
        if (model.getBlock() == null) {
            throw new TrainerConfigurationException("model '" + model.getName() + "' has no block; call setBlock first");
        }
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
        this.optimizer = optimizer;
        this.session = new DjlSession(model, lossFunction, optimizer);
        this.run = TrainerRun.beforeFirstRun(self());
        this.eventLog = new TrainerEventLog(this::currentEpochForEvents, () -> run.loop().globalStep);
        this.runHistory = eventLog.recording(Objects.requireNonNull(runHistory, "runHistory"));
        List<TrainerCallback> all = new ArrayList<>();
        LimitBatchesCallback.fromEnvironment(Trainer.LIMIT_BATCHES_ENV).ifPresent(all::add);
        Objects.requireNonNull(callbacks, "callbacks").forEach(all::add);
        this.callbackHandler = new CallbackHandler(all);
        eventLog.attach(callbackHandler);
    }

    // ---------------------------------------------------------------- event log settings

    /**
     * Appends every event of later runs to a log, before callbacks see it. Publishing never blocks
     * training and never changes what it computes.
     *
     * @param publisher the log; {@link EventPublisher#NONE} to stop publishing
     * @return this trainer
     */
    public Trainer publishTo(EventPublisher publisher) {
        eventLog.publishTo(publisher);
        return self();
    }

    /**
     * Opt-in: eval step events also carry the predicted class (argmax) or output values, the targets
     * and the samples' dataset indices, so a consumer can save predictions. Off by default: it copies
     * every eval batch's outputs off the engine.
     *
     * @param publish whether to publish eval outputs
     * @return this trainer
     */
    public Trainer publishEvalOutputs(boolean publish) {
        eventLog.publishEvalOutputs(publish);
        return self();
    }

    /**
     * @param info run name, hyperparameters and seed recorded with the next runs' start events
     * @return this trainer
     */
    public Trainer withRunInfo(RunInfo info) {
        eventLog.setRunInfo(info);
        return self();
    }

    /**
     * Makes the next run use a given id and continue its log at a sequence number (crash resume).
     *
     * @param runId the id of the run to continue
     * @param firstSeq the next free sequence number of that run
     * @return this trainer
     */
    public Trainer continueRun(String runId, long firstSeq) {
        eventLog.continueRun(runId, firstSeq);
        return self();
    }

    /** @return the id of the run in progress or, between runs, of the last one (null before any) */
    public String lastRunId() {
        return eventLog.lastRunId();
    }

    /** @return the id of the run in progress, or null between runs */
    public String runId() {
        return eventLog.runId();
    }

    /** @return the run name, hyperparameters and seed recorded with each run */
    public RunInfo runInfo() {
        return eventLog.runInfo();
    }

    // ---------------------------------------------------------------- what outlives runs

    /** @return the model */
    public Model model() {
        return model;
    }

    /** @return the loss function */
    public Loss lossFunction() {
        return lossFunction;
    }

    /** @return the optimizer, or null */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * @return a read-only copy of the optimizer's state (moments, momentum, update counts), as a
     *     checkpoint saves it; null without an optimizer
     */
    public OptimizerState optimizerState() {
        return optimizer == null ? null : OptimizerState.of(optimizer, model.getBlock());
    }

    /** @return the run history (changes are also appended to the event log) */
    public RunHistory runHistory() {
        return runHistory;
    }

    /** @return the callback handler */
    public CallbackHandler callbackHandler() {
        return callbackHandler;
    }

    /**
     * Replaces the callback handler, e.g. to run an evaluation with other callbacks; the new handler
     * logs to this trainer's event log.
     *
     * @param handler the handler to use from now on
     * @return the previous handler
     */
    public CallbackHandler swapCallbackHandler(CallbackHandler handler) {
        CallbackHandler previous = callbackHandler;
        callbackHandler = Objects.requireNonNull(handler, "handler");
        eventLog.attach(handler);
        return previous;
    }

    /** @return the device the model trains on */
    public Device device() {
        return session.device();
    }

    /** @return the DJL training session (parameter store, gradient collectors) */
    public ai.djl.training.Trainer session() {
        return session.get();
    }

    /** @return true while the model is in training mode (forward passes with {@code training=true}) */
    public boolean isTrainingMode() {
        return trainingMode;
    }

    /** @param training puts the model in training (true) or evaluation (false) mode */
    public void setTrainingMode(boolean training) {
        trainingMode = training;
    }

    // ---------------------------------------------------------------- the current run

    /** @return the current run's config, or null before the first run */
    public RunConfig runConfig() {
        return run.config();
    }

    /** @return the scheduler of the current run, or null */
    public LrScheduler scheduler() {
        return run.scheduler();
    }

    /** @return the train loader of the current run, or null */
    public DataLoader trainDataloader() {
        return run.trainDataloader();
    }

    /** @return the eval loader of the current run, or null */
    public DataLoader evalDataloader() {
        return run.evalDataloader();
    }

    /** @param loader replaces the train loader (read at each train epoch start) */
    public void setTrainDataloader(DataLoader loader) {
        run.setTrainDataloader(loader);
    }

    /** @param loader replaces the eval loader (read after each eval epoch start event) */
    public void setEvalDataloader(DataLoader loader) {
        run.setEvalDataloader(loader);
    }

    /** @return the train dataset of the current run, or null */
    public RandomAccessDataset trainDataset() {
        return run.trainDataset();
    }

    /** @return the eval dataset of the current run, or null */
    public RandomAccessDataset evalDataset() {
        return run.evalDataset();
    }

    /** @return the 0-based batch index of the current train step in its epoch */
    public int currentStep() {
        return run.loop().currentStep;
    }

    /**
     * Readable from the eval hooks ({@link Trainer#calculateEvalBatchLoss}) and eval callbacks.
     *
     * @return the 0-based batch index of the current (or last) eval step in its eval epoch
     */
    public int currentEvalStep() {
        return run.loop().currentEvalStep;
    }

    /** @return true while a step-based intermediate evaluation runs inside a train epoch (its hooks and events) */
    public boolean isIntermediateEval() {
        return run.loop().intermediateEval;
    }

    /** @return optimizer updates completed in the current run */
    public long globalStep() {
        return run.loop().globalStep;
    }

    /** @return the mean (unscaled) loss of the most recent train or eval step, read once by the trainer */
    public double lastStepLoss() {
        return run.loop().lastStepLoss;
    }

    /**
     * @return the mean (unscaled) loss of the most recent train step; unlike {@link #lastStepLoss()} an
     *     evaluation run inside the step (step-based evaluation) does not change it
     */
    public double lastTrainStepLoss() {
        return run.loop().lastTrainStepLoss;
    }

    // ---------------------------------------------------------------- for the trainer's own classes

    /** @return the current run, or the last one between runs */
    TrainerRun currentRun() {
        return run;
    }

    /** Makes {@code next} the current run: from now on the accessors describe it. */
    void startRun(TrainerRun next) {
        run = Objects.requireNonNull(next, "run");
    }

    DjlSession djlSession() {
        return session;
    }

    TrainerEventLog eventLog() {
        return eventLog;
    }

    /** Sets the position a replayed event reports; used by {@link ReplayTrainer} only. */
    void replayPosition(int step, long updates) {
        run.loop().currentStep = step;
        run.loop().globalStep = updates;
    }

    /** Sets the loss a replayed step reports; used by {@link ReplayTrainer} only. */
    void replayLoss(double loss) {
        run.loop().lastStepLoss = loss;
        run.loop().lastTrainStepLoss = loss;
    }

    private int currentEpochForEvents() {
        return runHistory == null ? 1 : runHistory.currentEpoch();
    }

    /** The class is sealed: every instance is a {@link Trainer}. */
    private Trainer self() {
        return (Trainer) this;
    }
}
