package io.trainstream.cli.train;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.trainer.data.FeatureScaling;
import io.trainstream.trainer.data.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code trainstream train}: trains an MLP classifier and publishes every event of the run to the
 * event log. The first line printed is {@code run id: <id>}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Every callback event of the run goes to the Kafka event log.",
                "Default data: the bundled digits set (1797 samples, 64 features, 10 classes).",
                "stdout: 'run id: <id>' first, the final metrics last (--json: one JSON object).",
                "stderr: progress, metric and early-stopping lines (--quiet drops them)."})
public final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv|NAME",
            description = "UTF-8 CSV file with a header row, every column but the label a numeric feature; or a bundled "
                    + "dataset: digits, iris (default: digits).")
    private Path dataFile;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column (default: species for iris, label otherwise).")
    private String labelColumn;

    @Option(names = "--task", paramLabel = "TASK",
            description = "${COMPLETION-CANDIDATES} (default: regression when the labels are numbers with fractions, "
                    + "classification otherwise).")
    private Task task;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "CSV field delimiter: one character, or 'tab' (default: detected from the header row among , ; tab |).")
    private Character delimiter;

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

    @Option(names = "--save-model", paramLabel = "DIR",
            description = "Save the final model (the restored best with --save-best) to DIR, with what 'trainstream predict' needs.")
    private Path saveModel;

    @Option(names = "--save-state-every", paramLabel = "N",
            description = "Save a resumable training state every N epochs (<state dir>/<run id>/epoch_k, the latest 3 kept), for 'trainstream resume'.")
    private Integer saveStateEvery;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Parent of the runs' training-state directories (default: $TRAINSTREAM_HOME/states).")
    private Path stateDir;

    @Option(names = "--run-name", paramLabel = "NAME", description = "A name for the run (default: the dataset's name).")
    private String runName;

    @Option(names = "--publish-predictions",
            description = "Publish each evaluation's predictions and targets, for 'trainstream consume predictions'.")
    private boolean publishPredictions;

    @Option(names = "--quiet", description = "No progress, metric or early-stopping lines on stderr (errors still are).")
    private boolean quiet;

    @Option(names = "--json", description = "Print only the result, as one JSON object on stdout, when the run ends.")
    private boolean json;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public TrainCommand() {
    }

    /** Trains, publishes and prints the run id, the final metrics and where the events are. */
    @Override
    public Integer call() {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        TrainSpec trainSpec = new TrainSpec(dataFile, labelColumn, hidden, epochs, batchSize, learningRate, seed, evalFraction,
                scaling, earlyStopping, saveBest, runName, saveStateEvery, stateDir, task, delimiter, publishPredictions, saveModel);
        trainSpec.validate();
        TrainingJob job = new TrainingJob(trainSpec, settings.home()).optQuiet(quiet);
        if (task == null && job.data().task() == Task.REGRESSION && !quiet) {
            spec.commandLine().getErr().println("trainstream train: the label column '" + job.data().labelColumn()
                    + "' holds numbers with fractions: training a regression (MSE loss; r2 and mae metrics); "
                    + "--task classification treats them as classes");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        try (EventLog log = EventLog.connect(settings)) {
            log.ensureTopics();
            String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
            if (!json) {
                out.println("run id: " + runId);
                if (saveStateEvery != null) {
                    out.println("training states: " + trainSpec.runStateDir(runId, settings.home()));
                }
                out.flush();
            }
            TrainingJob.Published run = job.runPublished(log, runId, 0);
            return json ? RunReport.printJson(out, spec.commandLine().getErr(), "train", run, runId, log)
                    : RunReport.print(out, spec.commandLine().getErr(), "train", run, runId, log);
        }
    }
}
