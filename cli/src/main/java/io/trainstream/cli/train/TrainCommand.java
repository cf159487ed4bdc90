package io.trainstream.cli.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.trainer.RunInfo;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.trainer.data.CsvDataset;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.data.FeatureScaling;
import io.trainstream.trainer.history.RunHistory;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.schedule.LearningRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code trainstream train}: trains an MLP classifier and publishes every event of the run to the
 * event log. The first line printed is {@code run id: <id>}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an MLP classifier; every callback event goes to the Kafka event log.",
                "Default data: the bundled handwritten-digits set (1797 samples, 64 features, 10 classes).",
                "The first line printed is 'run id: <id>'."})
public final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "CSV file with a header row; every column but the label is a numeric feature (default: bundled digits).")
    private Path dataFile;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column (default: label).")
    private String labelColumn;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "64,64",
            description = "Hidden layer sizes of the MLP (default: ${DEFAULT-VALUE}).")
    private List<Integer> hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the weights and the train/eval split (default: ${DEFAULT-VALUE}).")
    private int seed;

    @Option(names = "--eval-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of rows held out for evaluation, in [0, 1) (default: ${DEFAULT-VALUE}).")
    private double evalFraction;

    @Option(names = "--scaling", paramLabel = "HOW", defaultValue = "STANDARDIZE",
            description = "Feature scaling fitted on the training rows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private FeatureScaling scaling;

    @Option(names = "--early-stopping", paramLabel = "K=V,...", arity = "0..1", fallbackValue = "",
            converter = EarlyStoppingSpec.Converter.class,
            description = "Stop when the watched metric stops improving: patience=N,threshold=X,metric=NAME,mode=min|max "
                    + "(defaults patience=1, threshold=0.01, metric=eval_loss_epoch, mode=min).")
    private EarlyStoppingSpec earlyStopping;

    @Option(names = "--save-best", paramLabel = "FILE",
            description = "Save the model with the lowest eval_loss_epoch to FILE, and load it back at the end.")
    private Path saveBest;

    @Option(names = "--run-name", paramLabel = "NAME", description = "A name for the run (default: the dataset's name).")
    private String runName;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public TrainCommand() {
    }

    /** Trains, publishes and prints the run id, the final metrics and where the events are. */
    @Override
    public Integer call() {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        validate();
        CsvDataset data = TrainingData.load(dataFile, labelColumn);
        PrintWriter out = spec.commandLine().getOut();
        try (EventLog log = EventLog.connect(settings)) {
            log.ensureTopics();
            String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
            out.println("run id: " + runId);
            out.flush();
            DeliveryReport report;
            RunResult result;
            try (KafkaEventPublisher publisher = KafkaEventPublisher.open(log.publisherConfig())) {
                result = train(data, publisher, runId);
                publisher.flush(log.publisherConfig().flushTimeout());
                report = publisher.deliveryReport();
            }
            printSummary(out, result, report, runId, log);
            if (!report.allDelivered()) {
                spec.commandLine().getErr().println("trainstream train: not every event reached the log: " + report.message());
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    private void validate() {
        positive(epochs, "--epochs");
        positive(batchSize, "--batch-size");
        if (hidden.isEmpty() || hidden.stream().anyMatch(units -> units < 1)) {
            throw new UsageException("--hidden: every layer size must be at least 1, was " + hidden);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UsageException("--lr must be a positive number, was " + learningRate);
        }
        if (!(evalFraction >= 0 && evalFraction < 1)) {
            throw new UsageException("--eval-fraction must be in [0, 1), was " + evalFraction);
        }
        if (evalFraction == 0 && (earlyStopping != null || saveBest != null)) {
            throw new UsageException("--early-stopping and --save-best watch evaluation metrics: --eval-fraction must be above 0");
        }
    }

    private static void positive(int value, String option) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, was " + value);
        }
    }

    private RunResult train(CsvDataset data, KafkaEventPublisher publisher, String runId) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Mlp.create(hidden, data.numClasses())) {
            DatasetSplit split = data.split(manager, evalFraction, seed, scaling, batchSize);
            Optimizer optimizer = Optimizer.adam().optLearningRateTracker(LearningRate.of((float) learningRate)).build();
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), optimizer, callbacks())) {
                trainer.publishTo(publisher).withRunInfo(runInfo(data)).continueRun(runId, 0);
                trainer.train(split.train(), TrainConfig.builder().numEpochs(epochs).evalDataset(split.eval())
                        .perDeviceBatchSize(batchSize).build());
                return RunResult.of(trainer.runHistory(), Mlp.describe(data.numFeatures(), hidden, data.numClasses()), split);
            }
        }
    }

    /** The accuracy callback first, so its metric is in the history when LogMetrics prints after each evaluation. */
    private Callbacks callbacks() {
        List<TrainerCallback> list = new ArrayList<>();
        list.add(new AccuracyCallback());
        list.addAll(Callbacks.defaults().toList());
        if (earlyStopping != null) {
            list.add(earlyStopping.toCallback());
        }
        if (saveBest != null) {
            list.add(new SaveBestModelCallback(saveBest, "eval_loss_epoch", false));
        }
        return Callbacks.of(list.toArray(TrainerCallback[]::new));
    }

    private RunInfo runInfo(CsvDataset data) {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("dataset", data.source());
        hyper.put("label", data.labelColumn());
        hyper.put("classes", String.join(",", data.classNames()));
        hyper.put("hidden", hidden.toString());
        hyper.put("epochs", Integer.toString(epochs));
        hyper.put("batch_size", Integer.toString(batchSize));
        hyper.put("lr", Double.toString(learningRate));
        hyper.put("eval_fraction", Double.toString(evalFraction));
        hyper.put("scaling", scaling.name().toLowerCase(java.util.Locale.ROOT));
        if (earlyStopping != null) {
            hyper.put("early_stopping", earlyStopping.toString());
        }
        String name = runName != null ? runName
                : dataFile != null ? stem(dataFile) : TrainingData.DIGITS;
        return new RunInfo(name, hyper, (long) seed);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    private void printSummary(PrintWriter out, RunResult result, DeliveryReport report, String runId, EventLog log) {
        out.println();
        out.println("model: " + result.model() + ", " + result.trainSize() + " training and " + result.evalSize()
                + " evaluation samples");
        out.println("final metrics after " + result.epochs() + " epoch(s):");
        result.metrics().forEach((name, value) -> out.printf("  %-22s %.6f%n", name, value));
        out.println("events: " + report.delivered() + " events of run " + runId + " in topic " + log.settings().eventsTopic()
                + " on " + log.describe());
        out.println("see them with: trainstream events " + runId + "    (all runs: trainstream runs)");
        out.flush();
    }

    /** What the summary prints. */
    private record RunResult(Map<String, Double> metrics, int epochs, String model, int trainSize, int evalSize) {

        static RunResult of(RunHistory history, String model, DatasetSplit split) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            history.metricNames().stream().sorted().forEach(name -> metrics.put(name, history.latestMetric(name)));
            int epochs = history.metricNames().contains("train_loss_epoch") ? history.metricValues("train_loss_epoch").size() : 0;
            return new RunResult(metrics, epochs, model, split.trainSize(), split.evalSize());
        }
    }
}
