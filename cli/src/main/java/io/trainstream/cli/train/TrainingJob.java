package io.trainstream.cli.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.cli.predict.SavedModel;
import io.trainstream.trainer.RunInfo;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.trainer.callback.builtin.SaveTrainingStateCallback;
import io.trainstream.trainer.data.CsvDataset;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.data.Task;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.InterruptOnShutdown;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.schedule.LearningRate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One training run of {@code train}, {@code demo} and {@code resume}: an MLP classifier or regressor on a
 * CSV dataset with the trainer's default callbacks plus accuracy (or R² and MAE), optional early stopping, best-model saving and training
 * states, every event published. Build it, set the options, {@link #run}.
 */
public final class TrainingJob {

    /** The metric best-model saving watches (lower is better). */
    static final String BEST_METRIC = "eval_loss_epoch";

    private final TrainSpec spec;
    private final CsvDataset data;
    private final Path home;
    private boolean publishEvalOutputs;
    private boolean quiet;
    private Path resumeFrom;

    /**
     * @param spec the settings (validated)
     * @param home {@code $TRAINSTREAM_HOME}, for the default training-state directory
     */
    public TrainingJob(TrainSpec spec, Path home) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.home = Objects.requireNonNull(home, "home");
        this.data = TrainingData.load(spec.dataFile(), spec.csvOptions());
    }

    /** @param value publish eval outputs (predictions, targets) for a predictions consumer @return this */
    public TrainingJob optPublishEvalOutputs(boolean value) {
        publishEvalOutputs = value;
        return this;
    }

    /** @param value drop the training chatter (progress, metrics, early stopping lines) @return this */
    public TrainingJob optQuiet(boolean value) {
        quiet = value;
        return this;
    }

    /** @param dir a training-state directory ({@code epoch_k}) to continue from, or null @return this */
    public TrainingJob optResumeFrom(Path dir) {
        resumeFrom = dir;
        return this;
    }

    /** @return the dataset loaded for the run */
    public CsvDataset data() {
        return data;
    }

    /**
     * Trains and publishes.
     *
     * @param publisher where the events go
     * @param runId the run's id
     * @param firstSeq the run's next free seq (0 for a new run)
     * @return what the run ended with
     */
    public TrainResult run(EventPublisher publisher, String runId, long firstSeq) {
        Engine.getInstance().setRandomSeed(spec.seed());
        try (NDManager manager = NDManager.newBaseManager(); Model model = Mlp.create(spec.hidden(), outputs())) {
            DatasetSplit split = data.split(manager, spec.evalFraction(), spec.seed(), spec.scaling(), spec.batchSize());
            Optimizer optimizer = Optimizer.adam().optLearningRateTracker(LearningRate.of((float) spec.learningRate())).build();
            try (Trainer trainer = new LoggingTrainer(model, loss(), optimizer, callbacks(runId), quiet)) {
                trainer.publishTo(publisher).publishEvalOutputs(publishEvalOutputs || spec.publishPredictions()).withRunInfo(runInfo())
                        .continueRun(runId, firstSeq);
                // SIGTERM / Ctrl-C end the run with run_end INTERRUPTED and a bounded flush, not mid-step
                try (InterruptOnShutdown guard = InterruptOnShutdown.install(trainer, InterruptOnShutdown.DEFAULT_GRACE,
                        () -> System.err.println("trainstream: stopping: ending run " + runId
                                + " as INTERRUPTED and flushing its events"))) {
                    trainer.train(split.train(), TrainConfig.builder().numEpochs(spec.epochs()).evalDataset(split.eval())
                            .perDeviceBatchSize(spec.batchSize()).resumeFrom(resumeFrom).build());
                }
                if (spec.saveModel() != null) {
                    SavedModel.save(spec.saveModel(), model, new SavedModel(SavedModel.FORMAT_VERSION, data.task(), data.labelColumn(),
                            data.featureNames(), data.classNames(), spec.hidden(), split.scaling().shift(),
                            split.scaling().divisor(), runId, data.source()));
                }
                return TrainResult.of(trainer.runHistory(), Mlp.describe(data.numFeatures(), spec.hidden(), outputs()),
                        split.trainSize(), split.evalSize(), spec.saveBest() != null ? BEST_METRIC : null);
            }
        }
    }

    /**
     * Trains with a Kafka publisher on the given log, then waits for every event to be acknowledged.
     *
     * @param log the event log (topics already ensured)
     * @param runId the run's id
     * @param firstSeq the run's next free seq
     * @return the result and the delivery report
     */
    public Published runPublished(io.trainstream.cli.broker.EventLog log, String runId, long firstSeq) {
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(log.publisherConfig())) {
            TrainResult result = run(publisher, runId, firstSeq);
            publisher.flush(log.publisherConfig().flushTimeout());
            return new Published(result, publisher.deliveryReport());
        }
    }

    /**
     * A run trained with a Kafka publisher.
     *
     * @param result what the run ended with
     * @param report what reached the log
     */
    public record Published(TrainResult result, DeliveryReport report) {
    }

    /** @return the model's outputs: one per class, or one value for regression */
    private int outputs() {
        return data.task() == Task.REGRESSION ? 1 : data.numClasses();
    }

    /** Classification: softmax cross-entropy; regression: mean squared error (weight 1, not DJL's default 1/2). */
    private Loss loss() {
        return data.task() == Task.REGRESSION ? Loss.l2Loss("mse", 1f) : Loss.softmaxCrossEntropyLoss();
    }

    /** Training states kept per run with --save-state-every (the oldest are deleted). */
    static final int KEPT_STATES = 3;

    /** The metric callback first, so its metrics are in the history when LogMetrics prints after each evaluation. */
    private Callbacks callbacks(String runId) {
        List<TrainerCallback> list = new ArrayList<>();
        list.add(data.task() == Task.REGRESSION ? new RegressionMetricsCallback() : new AccuracyCallback());
        // the progress bar redraws with ANSI codes: only on a terminal, never into a log file or a pipe
        list.addAll(Callbacks.defaults(!quiet && Terminal.stderrIsTerminal()).toList());
        if (spec.earlyStopping() != null) {
            list.add(spec.earlyStopping().toCallback());
        }
        if (spec.saveBest() != null) {
            list.add(new SaveBestModelCallback(spec.saveBest(), BEST_METRIC, false));
        }
        if (spec.saveStateEvery() != null) {
            // resume needs only the latest state: keep a few, not one per epoch forever
            list.add(SaveTrainingStateCallback.builder().saveDir(spec.runStateDir(runId, home))
                    .saveEveryNEpochs(spec.saveStateEvery()).saveAtEnd(false).maxCheckpoints(KEPT_STATES).build());
        }
        return Callbacks.of(list.toArray(TrainerCallback[]::new));
    }

    private RunInfo runInfo() {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("dataset", data.source());
        hyper.put("classes", String.join(",", data.classNames()));
        hyper.putAll(spec.toHyperparameters());
        hyper.put(TrainSpec.LABEL, data.labelColumn());
        hyper.put(TrainSpec.TASK, data.task().name().toLowerCase(java.util.Locale.ROOT));
        String name = spec.runName() != null ? spec.runName()
                : TrainingData.bundledName(spec.dataFile()) != null ? TrainingData.bundledName(spec.dataFile()) : stem(spec.dataFile());
        return new RunInfo(name, hyper, (long) spec.seed());
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
