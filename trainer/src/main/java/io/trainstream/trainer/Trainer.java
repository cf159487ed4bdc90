package io.trainstream.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.LimitBatchesCallback;
import io.trainstream.trainer.checkpoint.Checkpoints;
import io.trainstream.trainer.checkpoint.TrainingStates;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.event.EventRecorder;
import io.trainstream.events.EventKind;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.schedule.LrScheduler;
import io.trainstream.trainer.schedule.ScheduleContext;
import io.trainstream.trainer.schedule.SchedulerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The training loop of pytorch-accelerated on DJL: overridable hooks, a callback system, a run
 * history, and an event log every callback event is appended to before callbacks see it.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
 *         Callbacks.defaults().plus(new EarlyStoppingCallback(2, 0.01)));
 * trainer.train(trainSet, TrainConfig.builder().numEpochs(10).evalDataset(evalSet).build());
 * }</pre>
 *
 * <p>Every hook (a protected method) runs before the callback event of the same moment. A trainer is
 * used from one thread; callbacks run on it, synchronously, in list order. Callback instances and
 * their state live as long as the trainer, across {@code train()} and {@code evaluate()} calls.
 * Close the trainer to release the DJL training session (the model stays open).
 */
public class Trainer implements AutoCloseable {

    /** Environment variable (or system property) that limits every loader to its first N batches. */
    public static final String LIMIT_BATCHES_ENV = "TRAINSTREAM_LIMIT_BATCHES";

    private final Model model;
    private final Loss lossFunction;
    private final Optimizer optimizer;
    private final EventRecorder recorder;
    private final RunLifecycle runs;
    private final RecordingRunHistory runHistory;
    private CallbackHandler callbackHandler;
    private final DjlSession session;
    private RunInfo runInfo = RunInfo.unnamed();

    private LrScheduler scheduler;
    private SchedulerFactory schedulerFactory;
    private Collate collate;
    private RandomAccessDataset trainDataset;
    private RandomAccessDataset evalDataset;
    private DataLoader trainDataloader;
    private DataLoader evalDataloader;
    private RunConfig runConfig;
    private boolean trainingMode;

    private final TrainingLoop loop = new TrainingLoop(this);
    private String terminationReason;
    private volatile String interruptReason;
    private ResumableCallback.ResumePoint resumePoint;

    /**
     * Creates a trainer with the default callbacks ({@link Callbacks#defaults()}).
     *
     * @param model the model to train; its block must be set
     * @param lossFunction the loss
     * @param optimizer the optimizer
     */
    public Trainer(Model model, Loss lossFunction, Optimizer optimizer) {
        this(model, lossFunction, optimizer, Callbacks.defaults(), new InMemoryRunHistory());
    }

    /**
     * @param model the model to train; its block must be set
     * @param lossFunction the loss
     * @param optimizer the optimizer, or null for evaluation only
     * @param callbacks the callbacks, in the order they run
     */
    public Trainer(Model model, Loss lossFunction, Optimizer optimizer, Iterable<? extends TrainerCallback> callbacks) {
        this(model, lossFunction, optimizer, callbacks, new InMemoryRunHistory());
    }

    /**
     * Creates the trainer and fires {@code onInitEnd} last.
     *
     * @param model the model to train; its block must be set
     * @param lossFunction the loss
     * @param optimizer the optimizer, or null for evaluation only
     * @param callbacks the callbacks, in the order they run
     * @param runHistory where metrics are recorded
     */
    public Trainer(Model model, Loss lossFunction, Optimizer optimizer, Iterable<? extends TrainerCallback> callbacks,
            RunHistory runHistory) {
        this.model = Objects.requireNonNull(model, "model");
        if (model.getBlock() == null) {
            throw new TrainerConfigurationException("model '" + model.getName() + "' has no block; call setBlock first");
        }
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
        this.optimizer = optimizer;
        this.session = new DjlSession(model, lossFunction, optimizer);
        this.recorder = new EventRecorder(this::currentEpochForEvents, () -> loop.globalStep);
        this.runs = new RunLifecycle(recorder);
        this.runHistory = new RecordingRunHistory(Objects.requireNonNull(runHistory, "runHistory"), recorder);
        List<TrainerCallback> all = new ArrayList<>();
        LimitBatchesCallback.fromEnvironment(LIMIT_BATCHES_ENV).ifPresent(all::add);
        Objects.requireNonNull(callbacks, "callbacks").forEach(all::add);
        this.callbackHandler = new CallbackHandler(all);
        callbackHandler.attachRecorder(recorder);
        callbackHandler.callEvent(EventKind.INIT_END, this, EventArgs.none());
    }

    // ---------------------------------------------------------------- public API

    /**
     * Trains the model (reference §2.1). A {@link StopTrainingException} from any hook or callback of an
     * epoch ends the run cleanly; other exceptions propagate after the run is logged as failed.
     *
     * @param trainDataset the training samples
     * @param config epochs, eval dataset, batch size and the other parameters
     */
    public void train(RandomAccessDataset trainDataset, TrainConfig config) {
        Objects.requireNonNull(trainDataset, "trainDataset");
        Objects.requireNonNull(config, "config");
        this.trainDataset = trainDataset;
        this.evalDataset = config.evalDataset();
        this.schedulerFactory = config.schedulerFactory();
        this.collate = config.collate();
        runs.begin();
        terminationReason = null;
        RunOutcome outcome = new RunOutcome();
        try {
            if (config.resetRunHistory()) {
                runHistory.reset();
            }
            trainDataloader = createTrainDataloader(trainDataset, config.perDeviceBatchSize(), config.trainLoaderOptions());
            if (evalDataset != null) {
                evalDataloader = createEvalDataloader(evalDataset, config.perDeviceBatchSize(), config.evalLoaderOptions());
            }
            session.ensure(trainDataset);
            runConfig = RunConfig.forTraining(config.numEpochs(), config.maxNumTrainSteps(), trainDataloader.size(),
                    trainDataloader.options(), evalDataset == null ? null : evalDataloader.options(),
                    config.gradientAccumulationSteps(), config.gradientClipValue());
            // a scheduler never outlives the train() call that created it (reference bug §6.8 fixed)
            scheduler = schedulerFactory == null ? null : createScheduler();
            loop.globalStep = 0;
            resumePoint = null;
            int firstEpoch = 1;
            if (config.resumeFrom() != null) {
                firstEpoch = resume(config.resumeFrom());
            }
            runs.recordStart(RunProvenance.runStart(RunKind.TRAIN, this));
            zeroGradients();
            loop.runEpochs(config, firstEpoch, resumePoint, outcome);
        } catch (TrainingInterruptedException e) {
            outcome.interrupt(e);
            throw e;
        } catch (RuntimeException | Error e) {
            outcome.fail(e);
            throw e;
        } finally {
            runs.end(outcome.runEnd(this));
        }
        if (terminationReason != null) {
            throw new TrainingTerminatedException(terminationReason);
        }
    }

    /**
     * Asks the trainer to end {@code train()} with a {@link TrainingTerminatedException} once the run
     * has ended and every callback has seen {@code onTrainingRunEnd} (the reference exits the process).
     *
     * @param reason why the run is terminated
     */
    public void requestTermination(String reason) {
        terminationReason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Asks a running {@code train()} or {@code evaluate()} to end at the next step, from any thread (a
     * signal handler, say): the run is logged as ended with status INTERRUPTED, its log is flushed
     * (bounded), and the call throws {@link TrainingInterruptedException}. No callback sees a step after
     * the request. A request made while no run is in progress applies to the next run's first step.
     *
     * @param reason why, e.g. "SIGTERM"; it becomes the run end's reason
     */
    public void interrupt(String reason) {
        interruptReason = Objects.requireNonNull(reason, "reason");
    }

    /** Throws {@link TrainingInterruptedException} once {@link #interrupt} was called. */
    void checkInterrupted() {
        String reason = interruptReason;
        if (reason != null) {
            interruptReason = null;
            throw new TrainingInterruptedException(reason);
        }
    }

    /**
     * Evaluates the model on a dataset (reference §2.2): resets the run history, runs one eval epoch and
     * records {@code evaluation_loss}.
     *
     * @param dataset the samples to evaluate
     * @param config batch size, loader options and collate
     */
    public void evaluate(RandomAccessDataset dataset, EvalConfig config) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(config, "config");
        this.evalDataset = dataset;
        this.collate = config.collate();
        runs.begin();
        RunOutcome outcome = new RunOutcome();
        try {
            runHistory.reset();
            Map<String, String> previousTrainOptions = trainDataloader == null ? null : trainDataloader.options().toMap();
            trainDataloader = null;
            evalDataloader = createEvalDataloader(dataset, config.perDeviceBatchSize(), config.loaderOptions());
            session.ensure(dataset);
            runConfig = RunConfig.forEvaluation(previousTrainOptions, evalDataloader.options());
            runs.recordStart(RunProvenance.runStart(RunKind.EVALUATE, this));
            evaluationRunStart();
            callbackHandler.callEvent(EventKind.EVALUATION_RUN_START, this, EventArgs.none());
            try {
                runEvalEpoch(false, false);
            } catch (StopTrainingException e) {
                loop.handleStop(e, outcome);
            }
            evaluationRunEnd();
            callbackHandler.callEvent(EventKind.EVALUATION_RUN_END, this, EventArgs.none());
        } catch (TrainingInterruptedException e) {
            outcome.interrupt(e);
            throw e;
        } catch (RuntimeException | Error e) {
            outcome.fail(e);
            throw e;
        } finally {
            runs.end(outcome.runEnd(this));
        }
    }

    /**
     * Runs one eval epoch over the current eval loader (reference §2.3), with every eval hook and event.
     * Used by the trainer and by callbacks that evaluate mid-epoch.
     *
     * @param isTraining true inside {@code train()}: the metric is {@code eval_loss_epoch}
     * @param isIntermediate true for a step-based evaluation: the metric is {@code intermediate_eval_loss}
     */
    public void runEvalEpoch(boolean isTraining, boolean isIntermediate) {
        loop.runEvalEpoch(isTraining, isIntermediate);
    }

    /**
     * Appends every event of later runs to a log, before callbacks see it. Publishing never blocks
     * training and never changes what it computes.
     *
     * @param publisher the log; {@link EventPublisher#NONE} to stop publishing
     * @return this trainer
     */
    public Trainer publishTo(EventPublisher publisher) {
        recorder.attach(publisher);
        return this;
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
        recorder.publishEvalOutputs(publish);
        return this;
    }

    /**
     * @param info run name, hyperparameters and seed recorded with the next runs' start events
     * @return this trainer
     */
    public Trainer withRunInfo(RunInfo info) {
        this.runInfo = Objects.requireNonNull(info, "info");
        return this;
    }

    /**
     * Makes the next run use a given id and continue its log at a sequence number (crash resume).
     *
     * @param runId the id of the run to continue
     * @param firstSeq the next free sequence number of that run
     * @return this trainer
     */
    public Trainer continueRun(String runId, long firstSeq) {
        runs.continueRun(runId, firstSeq);
        return this;
    }

    /**
     * One process holds every row, so this returns its input, except that rows made entirely of
     * {@code paddingValue} are removed, as the reference does after padding.
     *
     * @param array the array to gather along dimension 0
     * @param paddingValue the padding value, or null for none
     * @return the gathered array
     */
    public NDArray gather(NDArray array, Number paddingValue) {
        return PaddingRows.drop(array, paddingValue);
    }

    /**
     * @param array the array to gather along dimension 0
     * @return the array itself (one process)
     */
    public NDArray gather(NDArray array) {
        return gather(array, null);
    }

    /**
     * Prints once per machine (always, with one process).
     *
     * @param parts printed separated by spaces
     */
    public void print(Object... parts) {
        System.out.println(Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" ")));
    }

    /**
     * Saves the model, optionally the optimizer and scheduler state, and extra entries to one file.
     *
     * @param file the checkpoint file
     * @param extras extra top-level entries, or null
     * @param saveOptimizer whether to include the optimizer state
     * @param saveScheduler whether to include the scheduler state (when a scheduler exists)
     */
    public void saveCheckpoint(Path file, Map<String, ?> extras, boolean saveOptimizer, boolean saveScheduler) {
        Checkpoints.save(file, model, saveOptimizer ? optimizer : null, saveScheduler ? scheduler : null, extras);
    }

    /**
     * @param file the checkpoint file
     * @param extras extra top-level entries, or null
     */
    public void saveCheckpoint(Path file, Map<String, ?> extras) {
        saveCheckpoint(file, extras, true, true);
    }

    /**
     * Loads weights (always) and, when asked and present, optimizer and scheduler state.
     *
     * @param file the checkpoint file
     * @param loadOptimizer whether to load optimizer state
     * @param loadScheduler whether to load scheduler state; fails when the file has some and the
     *     trainer has no scheduler
     * @return the entries the checkpoint was saved with ({@code extras} of {@link #saveCheckpoint}), and
     *     nothing else
     */
    public Map<String, Object> loadCheckpoint(Path file, boolean loadOptimizer, boolean loadScheduler) {
        return session.reloadWeights(() -> Checkpoints.load(file, model, optimizer, scheduler, loadOptimizer, loadScheduler));
    }

    /**
     * @param file the checkpoint file
     * @return the entries the checkpoint was saved with, and nothing else
     */
    public Map<String, Object> loadCheckpoint(Path file) {
        return loadCheckpoint(file, true, true);
    }

    /**
     * Saves everything needed to resume: weights, optimizer, scheduler, the run history and
     * {@code current_epoch}, plus extra metadata.
     *
     * @param dir the training-state directory
     * @param extras extra metadata entries, or null
     */
    public void saveTrainingState(Path dir, Map<String, ?> extras) {
        TrainingStates.save(dir, model, optimizer, scheduler, HistorySnapshot.metadata(runHistory, extras));
    }

    /**
     * Loads a training state into the model, optimizer and scheduler.
     *
     * @param dir the training-state directory
     * @return its metadata ({@code current_epoch}, the saved history and extra entries)
     */
    public Map<String, Object> loadTrainingState(Path dir) {
        return session.reloadWeights(() -> TrainingStates.load(dir, model, optimizer, scheduler));
    }

    // ---------------------------------------------------------------- accessors

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
    public io.trainstream.trainer.checkpoint.OptimizerState optimizerState() {
        return optimizer == null ? null : io.trainstream.trainer.checkpoint.OptimizerState.of(optimizer, model.getBlock());
    }

    /** @return the scheduler of the current run, or null */
    public LrScheduler scheduler() {
        return scheduler;
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
        handler.attachRecorder(recorder);
        return previous;
    }

    /** @return the current run's config, or null before the first run */
    public RunConfig runConfig() {
        return runConfig;
    }

    /** @return the train loader of the current run, or null */
    public DataLoader trainDataloader() {
        return trainDataloader;
    }

    /** @return the eval loader, or null */
    public DataLoader evalDataloader() {
        return evalDataloader;
    }

    /** @param loader replaces the train loader (read at each train epoch start) */
    public void setTrainDataloader(DataLoader loader) {
        trainDataloader = loader;
    }

    /** @param loader replaces the eval loader (read after each eval epoch start event) */
    public void setEvalDataloader(DataLoader loader) {
        evalDataloader = loader;
    }

    /** @return the train dataset of the current run, or null */
    public RandomAccessDataset trainDataset() {
        return trainDataset;
    }

    /** @return the eval dataset, or null */
    public RandomAccessDataset evalDataset() {
        return evalDataset;
    }

    /** @return the device the model trains on */
    public Device device() {
        return session.device();
    }

    /** @return true while the model is in training mode (forward passes with {@code training=true}) */
    public boolean isTrainingMode() {
        return trainingMode;
    }

    /** @param training puts the model in training (true) or evaluation (false) mode */
    public void setTrainingMode(boolean training) {
        trainingMode = training;
    }

    /** @return the 0-based batch index of the current train step in its epoch */
    public int currentStep() {
        return loop.currentStep;
    }

    /**
     * Readable from the eval hooks ({@link #calculateEvalBatchLoss}) and eval callbacks.
     *
     * @return the 0-based batch index of the current (or last) eval step in its eval epoch
     */
    public int currentEvalStep() {
        return loop.currentEvalStep;
    }

    /** @return true while a step-based intermediate evaluation runs inside a train epoch (its hooks and events) */
    public boolean isIntermediateEval() {
        return loop.intermediateEval;
    }

    /** @return optimizer updates completed in the current run */
    public long globalStep() {
        return loop.globalStep;
    }

    /** @return the mean (unscaled) loss of the most recent train or eval step, read once by the trainer */
    public double lastStepLoss() {
        return loop.lastStepLoss;
    }

    /**
     * @return the mean (unscaled) loss of the most recent train step; unlike {@link #lastStepLoss()} an
     *     evaluation run inside the step (step-based evaluation) does not change it
     */
    public double lastTrainStepLoss() {
        return loop.lastTrainStepLoss;
    }

    /** @return the id of the run in progress or, between runs, of the last one (null before any) */
    public String lastRunId() {
        return runs.lastRunId();
    }

    /** @return the id of the run in progress, or null between runs */
    public String runId() {
        return recorder.runId();
    }

    /** @return the run name, hyperparameters and seed recorded with each run */
    public RunInfo runInfo() {
        return runInfo;
    }

    /** @return the DJL training session (parameter store, gradient collectors) */
    public ai.djl.training.Trainer session() {
        return session.get();
    }

    /** Releases the DJL training session; the model and the event publisher stay open. */
    @Override
    public void close() {
        // every run already flushed at its end; nothing is published between runs
        session.close();
    }

    // ---------------------------------------------------------------- hooks

    /**
     * Creates the train loader; shuffles by default.
     *
     * @param dataset the samples
     * @param batchSize the per-device batch size
     * @param options user options merged over the defaults
     * @return the loader
     */
    protected DataLoader createTrainDataloader(RandomAccessDataset dataset, int batchSize, LoaderOptions options) {
        return new DataLoader(dataset, options.resolve(batchSize, true), collate, model.getNDManager(),
                runHistory::currentEpoch);
    }

    /**
     * Creates the eval loader; does not shuffle by default.
     *
     * @param dataset the samples
     * @param batchSize the per-device batch size
     * @param options user options merged over the defaults
     * @return the loader
     */
    protected DataLoader createEvalDataloader(RandomAccessDataset dataset, int batchSize, LoaderOptions options) {
        return new DataLoader(dataset, options.resolve(batchSize, false), collate, model.getNDManager(), () -> 0);
    }

    /** @return the scheduler built by the run's factory, placeholders resolved against the run config */
    protected LrScheduler createScheduler() {
        return schedulerFactory.create(new ScheduleContext(runConfig, trainDataloader == null ? 0 : trainDataloader.size(),
                evalDataloader == null ? 0 : evalDataloader.size(), optimizer));
    }

    /** Hook at the start of a training run. */
    protected void trainingRunStart() {}

    /** Hook at the start of a train epoch: puts the model in training mode. */
    protected void trainEpochStart() {
        setTrainingMode(true);
    }

    /**
     * Computes a train batch's loss: input is the batch's data, target its labels.
     *
     * @param batch the batch
     * @return loss, model outputs and batch size
     */
    protected StepOutput calculateTrainBatchLoss(Batch batch) {
        return loop.computeLoss(batch);
    }

    /**
     * Backpropagates the loss, accumulating into the parameters' gradients.
     *
     * @param loss the (already scaled) loss
     */
    protected void backwardStep(NDArray loss) {
        try (GradientCollector collector = session.get().newGradientCollector()) {
            collector.backward(loss);
        }
    }

    /** Applies one optimizer update. */
    protected void optimizerStep() {
        session.get().step();
    }

    /** Advances the scheduler by one update. */
    protected void schedulerStep() {
        scheduler.step();
    }

    /**
     * Clears the gradients after an update. DJL's PyTorch optimizers already zero each gradient when
     * they apply it, so the default does nothing per step; the trainer zeroes explicitly at run start.
     */
    protected void optimizerZeroGrad() {}

    /** Hook at the end of a train epoch, before {@code train_loss_epoch} is recorded. */
    protected void trainEpochEnd() {}

    /** Hook at the start of an eval epoch: puts the model in evaluation mode. */
    protected void evalEpochStart() {
        setTrainingMode(false);
    }

    /**
     * Computes an eval batch's loss, without gradient recording.
     *
     * @param batch the batch
     * @return loss, model outputs and batch size
     */
    protected StepOutput calculateEvalBatchLoss(Batch batch) {
        return loop.computeLoss(batch);
    }

    /** Hook at the end of an eval epoch, before its loss metric is recorded. */
    protected void evalEpochEnd() {}

    /** Hook at the end of one epoch of the run. */
    protected void trainingRunEpochEnd() {}

    /** Hook at the end of a training run. */
    protected void trainingRunEnd() {}

    /** Hook at the start of {@code evaluate()}. */
    protected void evaluationRunStart() {}

    /** Hook at the end of {@code evaluate()}. */
    protected void evaluationRunEnd() {}

    // ---------------------------------------------------------------- resume

    private int resume(Path dir) {
        Map<String, Object> metadata = loadTrainingState(dir);
        HistorySnapshot.restore(runHistory, metadata);
        Object epoch = metadata.get("current_epoch");
        int resumedEpoch = epoch instanceof Number n ? Math.max(1, n.intValue()) : 1;
        runHistory.setEpoch(resumedEpoch);
        if (metadata.get("updates_completed") instanceof Number updates) {
            loop.globalStep = updates.longValue();
        }
        long batches = metadata.get("global_step") instanceof Number n ? n.longValue() : 0;
        resumePoint = new ResumableCallback.ResumePoint(resumedEpoch - 1, batches, loop.globalStep);
        print("Resumed training state from " + dir + " at epoch " + resumedEpoch);
        return resumedEpoch;
    }

    private void zeroGradients() {
        GradientClipping.zero(model.getBlock());
    }

    // ---------------------------------------------------------------- replay support

    /** Sets the position a replayed event reports; used by {@link ReplayTrainer} only. */
    void replayPosition(int step, long updates) {
        loop.currentStep = step;
        loop.globalStep = updates;
    }

    /** Sets the loss a replayed step reports; used by {@link ReplayTrainer} only. */
    void replayLoss(double loss) {
        loop.lastStepLoss = loss;
        loop.lastTrainStepLoss = loss;
    }

    // ---------------------------------------------------------------- events

    private int currentEpochForEvents() {
        return runHistory == null ? 1 : runHistory.currentEpoch();
    }
}
