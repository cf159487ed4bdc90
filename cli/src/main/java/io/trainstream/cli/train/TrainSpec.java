package io.trainstream.cli.train;

import io.trainstream.cli.UsageException;
import io.trainstream.trainer.data.CsvOptions;
import io.trainstream.trainer.data.FeatureScaling;
import io.trainstream.trainer.data.Task;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code train} needs to rebuild a run's model and data: recorded in the run's
 * {@code run_start} hyperparameters ({@link #toHyperparameters}) and read back by {@code resume}
 * ({@link #fromHyperparameters}).
 *
 * @param dataFile the CSV file or a bundled dataset's name ({@code iris}, {@code digits}), or null for digits
 * @param label the label column, or null for the default ({@code label})
 * @param hidden hidden layer sizes
 * @param epochs epochs to train
 * @param batchSize batch size
 * @param learningRate Adam learning rate
 * @param seed weights and split seed
 * @param evalFraction held-out fraction, in [0, 1)
 * @param scaling feature scaling
 * @param earlyStopping early stopping, or null
 * @param saveBest best-model file, or null
 * @param runName the run's name, or null for the dataset's
 * @param saveStateEvery save a training state every n epochs, or null
 * @param stateDir parent of the runs' training-state directories, or null for {@code $TRAINSTREAM_HOME/states}
 * @param task classification or regression, or null to choose from the label values
 * @param delimiter the CSV delimiter, or null to detect it from the header row
 * @param publishPredictions publish eval predictions and targets for a predictions consumer
 * @param saveModel directory to save the final model and what {@code predict} needs, or null
 */
public record TrainSpec(Path dataFile, String label, List<Integer> hidden, int epochs, int batchSize, double learningRate,
        int seed, double evalFraction, FeatureScaling scaling, EarlyStoppingSpec earlyStopping, Path saveBest,
        String runName, Integer saveStateEvery, Path stateDir, Task task, Character delimiter, boolean publishPredictions,
        Path saveModel) {

    /** Hyperparameter keys this record writes and reads. */
    static final String DATA_FILE = "data_file";
    static final String LABEL = "label";
    static final String HIDDEN = "hidden";
    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batch_size";
    static final String LR = "lr";
    static final String EVAL_FRACTION = "eval_fraction";
    static final String SCALING = "scaling";
    static final String EARLY_STOPPING = "early_stopping";
    static final String SAVE_BEST = "save_best";
    static final String SAVE_STATE_EVERY = "save_state_every";
    static final String STATE_DIR = "state_dir";
    static final String TASK = "task";
    static final String DELIMITER = "delimiter";
    static final String PUBLISH_PREDICTIONS = "publish_predictions";
    static final String SAVE_MODEL = "save_model";

    /** Copies the hidden sizes. */
    public TrainSpec {
        hidden = List.copyOf(hidden);
    }

    /**
     * The settings of earlier releases: task and delimiter detected, predictions not published.
     *
     * @param dataFile the CSV file or bundled dataset, or null for digits
     * @param label the label column, or null
     * @param hidden hidden layer sizes
     * @param epochs epochs
     * @param batchSize batch size
     * @param learningRate Adam learning rate
     * @param seed seed
     * @param evalFraction held-out fraction
     * @param scaling feature scaling
     * @param earlyStopping early stopping, or null
     * @param saveBest best-model file, or null
     * @param runName run name, or null
     * @param saveStateEvery state interval, or null
     * @param stateDir state parent directory, or null
     */
    public TrainSpec(Path dataFile, String label, List<Integer> hidden, int epochs, int batchSize, double learningRate,
            int seed, double evalFraction, FeatureScaling scaling, EarlyStoppingSpec earlyStopping, Path saveBest,
            String runName, Integer saveStateEvery, Path stateDir) {
        this(dataFile, label, hidden, epochs, batchSize, learningRate, seed, evalFraction, scaling, earlyStopping, saveBest,
                runName, saveStateEvery, stateDir, null, null, false, null);
    }

    /** @param dir parent of the runs' training-state directories @return a copy with that directory */
    public TrainSpec withStateDir(Path dir) {
        return new TrainSpec(dataFile, label, hidden, epochs, batchSize, learningRate, seed, evalFraction, scaling, earlyStopping,
                saveBest, runName, saveStateEvery, dir, task, delimiter, publishPredictions, saveModel);
    }

    /** @return how to read the CSV: label column (null: the dataset's default), delimiter and task */
    public CsvOptions csvOptions() {
        return new CsvOptions(label, delimiter, task);
    }

    /**
     * Checks the values a user gave.
     *
     * @throws UsageException naming the option
     */
    public void validate() {
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
        if (saveStateEvery != null) {
            positive(saveStateEvery, "--save-state-every");
        }
    }

    private static void positive(int value, String option) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, was " + value);
        }
    }

    /**
     * @param runId the run
     * @param home {@code $TRAINSTREAM_HOME}
     * @return where this run's {@code epoch_k} states go: {@code <state dir>/<run id>}
     */
    public Path runStateDir(String runId, Path home) {
        return (stateDir != null ? stateDir : home.resolve("states")).toAbsolutePath().normalize().resolve(runId);
    }

    /** @return the settings as run_start hyperparameters, in a stable order */
    public Map<String, String> toHyperparameters() {
        Map<String, String> hyper = new LinkedHashMap<>();
        String bundled = TrainingData.bundledName(dataFile);
        hyper.put(DATA_FILE, bundled != null ? bundled : dataFile.toAbsolutePath().normalize().toString());
        hyper.put(LABEL, label == null ? "" : label);
        hyper.put(HIDDEN, String.join(",", hidden.stream().map(String::valueOf).toList()));
        hyper.put(EPOCHS, Integer.toString(epochs));
        hyper.put(BATCH_SIZE, Integer.toString(batchSize));
        hyper.put(LR, Double.toString(learningRate));
        hyper.put(EVAL_FRACTION, Double.toString(evalFraction));
        hyper.put(SCALING, scaling.name().toLowerCase(Locale.ROOT));
        hyper.put(EARLY_STOPPING, earlyStopping == null ? "" : earlyStopping.format());
        hyper.put(SAVE_BEST, saveBest == null ? "" : saveBest.toAbsolutePath().normalize().toString());
        hyper.put(SAVE_STATE_EVERY, saveStateEvery == null ? "" : saveStateEvery.toString());
        hyper.put(STATE_DIR, stateDir == null ? "" : stateDir.toAbsolutePath().normalize().toString());
        hyper.put(TASK, task == null ? "" : task.name().toLowerCase(Locale.ROOT));
        hyper.put(DELIMITER, delimiter == null ? "" : delimiter.toString());
        hyper.put(PUBLISH_PREDICTIONS, Boolean.toString(publishPredictions));
        hyper.put(SAVE_MODEL, saveModel == null ? "" : saveModel.toAbsolutePath().normalize().toString());
        return hyper;
    }

    /**
     * @param hyper a run's hyperparameters, as {@link #toHyperparameters} wrote them
     * @param seed the run's seed
     * @param runName the run's name
     * @return the settings
     * @throws UsageException when a key is missing or unreadable (a run not started by {@code trainstream train})
     */
    public static TrainSpec fromHyperparameters(Map<String, String> hyper, Long seed, String runName) {
        try {
            String es = text(hyper, EARLY_STOPPING);
            return new TrainSpec(path(hyper, DATA_FILE), text(hyper, LABEL),
                    Arrays.stream(required(hyper, HIDDEN).split(",")).map(String::trim).map(Integer::valueOf).toList(),
                    Integer.parseInt(required(hyper, EPOCHS)), Integer.parseInt(required(hyper, BATCH_SIZE)),
                    Double.parseDouble(required(hyper, LR)), seed == null ? 42 : seed.intValue(),
                    Double.parseDouble(required(hyper, EVAL_FRACTION)),
                    FeatureScaling.valueOf(required(hyper, SCALING).toUpperCase(Locale.ROOT)),
                    es == null ? null : EarlyStoppingSpec.parse(es), path(hyper, SAVE_BEST), runName,
                    text(hyper, SAVE_STATE_EVERY) == null ? null : Integer.valueOf(text(hyper, SAVE_STATE_EVERY)),
                    path(hyper, STATE_DIR), text(hyper, TASK) == null ? null : Task.valueOf(text(hyper, TASK).toUpperCase(Locale.ROOT)),
                    hyper.getOrDefault(DELIMITER, "").isEmpty() ? null : hyper.get(DELIMITER).charAt(0),
                    Boolean.parseBoolean(hyper.get(PUBLISH_PREDICTIONS)), path(hyper, SAVE_MODEL));
        } catch (IllegalArgumentException e) {
            throw new UsageException("the run's recorded settings cannot rebuild it (was it started by 'trainstream train'?): "
                    + e.getMessage());
        }
    }

    private static String required(Map<String, String> hyper, String key) {
        String value = text(hyper, key);
        if (value == null) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' is missing");
        }
        return value;
    }

    private static String text(Map<String, String> hyper, String key) {
        String value = hyper.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    private static Path path(Map<String, String> hyper, String key) {
        String value = text(hyper, key);
        return value == null ? null : Path.of(value);
    }
}
