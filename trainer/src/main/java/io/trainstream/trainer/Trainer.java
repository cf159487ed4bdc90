package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.checkpoint.Checkpoints;
import io.trainstream.trainer.checkpoint.TrainingStates;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.events.EventKind;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.schedule.LrScheduler;
import io.trainstream.trainer.schedule.ScheduleContext;

import java.nio.file.Path;
import java.util.Arrays;
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
 * their state live as long as the trainer, across {@code train()} and {@code evaluate()} calls; the
 * state of a run (its loaders, run config, scheduler, step and update counters, last losses) belongs to
 * that one call, and the next call starts from nothing (see {@link TrainerContext}, which holds what
 * hooks and callbacks read). Close the trainer to release the DJL training session (the model stays
 * open).
 */
public non-sealed class Trainer extends TrainerContext implements AutoCloseable {

    /** Environment variable (or system property) that limits every loader to its first N batches. */
    public static final String LIMIT_BATCHES_ENV = "TRAINSTREAM_LIMIT_BATCHES";

    private volatile String interruptReason;

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
        super(model, lossFunction, optimizer, callbacks, runHistory);
        callbackHandler().callEvent(EventKind.INIT_END, this, EventArgs.none());
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
        TrainerRun run = TrainerRun.training(this, trainDataset, config);
        startRun(run);
        new RunDriver(this).train(run, config);
        if (run.terminationReason() != null) {
            throw new TrainingTerminatedException(run.terminationReason());
        }
    }

    /**
     * Asks the trainer to end {@code train()} with a {@link TrainingTerminatedException} once the run
     * has ended and every callback has seen {@code onTrainingRunEnd} (the reference exits the process).
     *
     * @param reason why the run is terminated
     */
    public void requestTermination(String reason) {
        currentRun().requestTermination(Objects.requireNonNull(reason, "reason"));
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
        DataLoader previousTrainLoader = currentRun().trainDataloader();
        TrainerRun run = TrainerRun.evaluation(this, dataset, config);
        startRun(run);
        new RunDriver(this).evaluate(run, config, previousTrainLoader == null ? null : previousTrainLoader.options().toMap());
    }

    /**
     * Runs one eval epoch over the current eval loader (reference §2.3), with every eval hook and event.
     * Used by the trainer and by callbacks that evaluate mid-epoch.
     *
     * @param isTraining true inside {@code train()}: the metric is {@code eval_loss_epoch}
     * @param isIntermediate true for a step-based evaluation: the metric is {@code intermediate_eval_loss}
     */
    public void runEvalEpoch(boolean isTraining, boolean isIntermediate) {
        currentRun().loop().runEvalEpoch(isTraining, isIntermediate);
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
        Checkpoints.save(file, model(), saveOptimizer ? optimizer() : null, saveScheduler ? scheduler() : null, extras);
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
        return djlSession().reloadWeights(
                () -> Checkpoints.load(file, model(), optimizer(), scheduler(), loadOptimizer, loadScheduler));
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
        TrainingStates.save(dir, model(), optimizer(), scheduler(), HistorySnapshot.metadata(runHistory(), extras));
    }

    /**
     * Loads a training state into the model, optimizer and scheduler.
     *
     * @param dir the training-state directory
     * @return its metadata ({@code current_epoch}, the saved history and extra entries)
     */
    public Map<String, Object> loadTrainingState(Path dir) {
        return djlSession().reloadWeights(() -> TrainingStates.load(dir, model(), optimizer(), scheduler()));
    }

    /** Releases the DJL training session; the model and the event publisher stay open. */
    @Override
    public void close() {
        // every run already flushed at its end; nothing is published between runs
        djlSession().close();
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
        return new DataLoader(dataset, options.resolve(batchSize, true), currentRun().collate(), model().getNDManager(),
                runHistory()::currentEpoch);
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
        return new DataLoader(dataset, options.resolve(batchSize, false), currentRun().collate(), model().getNDManager(),
                () -> 0);
    }

    /** @return the scheduler built by the run's factory, placeholders resolved against the run config */
    protected LrScheduler createScheduler() {
        DataLoader train = trainDataloader();
        DataLoader eval = evalDataloader();
        return currentRun().schedulerFactory().create(new ScheduleContext(runConfig(), train == null ? 0 : train.size(),
                eval == null ? 0 : eval.size(), optimizer()));
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
        return currentRun().loop().computeLoss(batch);
    }

    /**
     * Backpropagates the loss, accumulating into the parameters' gradients.
     *
     * @param loss the (already scaled) loss
     */
    protected void backwardStep(NDArray loss) {
        try (GradientCollector collector = session().newGradientCollector()) {
            collector.backward(loss);
        }
    }

    /** Applies one optimizer update. */
    protected void optimizerStep() {
        session().step();
    }

    /** Advances the scheduler by one update. */
    protected void schedulerStep() {
        scheduler().step();
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
        return currentRun().loop().computeLoss(batch);
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
}
