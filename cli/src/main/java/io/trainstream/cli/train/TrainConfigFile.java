package io.trainstream.cli.train;

import io.trainstream.cli.config.ConfigFile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A training setup written down as a config file: {@code train.<option>=<value>} lines, one per
 * {@code train} option, in the {@code .properties} form {@code --config} reads. {@code trainstream runs
 * --config-of RUN_ID} prints a recorded run's; {@code trainstream train --config FILE} trains it again
 * (options on the command line still win).
 */
public final class TrainConfigFile {

    private TrainConfigFile() {
    }

    /**
     * @param spec a training setup
     * @return its options by name (without {@code --}), in help order; unset ones left out
     */
    static Map<String, String> options(TrainSpec spec) {
        Map<String, String> options = new LinkedHashMap<>();
        String bundled = TrainingData.bundledName(spec.dataFile());
        options.put("data", bundled != null ? bundled : spec.dataFile().toAbsolutePath().normalize().toString());
        put(options, "label", spec.label());
        put(options, "task", spec.task() == null ? null : spec.task().name().toLowerCase(Locale.ROOT));
        put(options, "delimiter", spec.delimiter() == null ? null : spec.delimiter() == '\t' ? "tab" : spec.delimiter().toString());
        options.put("hidden", String.join(",", spec.hidden().stream().map(String::valueOf).toList()));
        options.put("epochs", Integer.toString(spec.epochs()));
        options.put("batch-size", Integer.toString(spec.batchSize()));
        options.put("lr", Double.toString(spec.learningRate()));
        options.put("seed", Integer.toString(spec.seed()));
        options.put("eval-fraction", Double.toString(spec.evalFraction()));
        options.put("scaling", spec.scaling().name().toLowerCase(Locale.ROOT));
        put(options, "early-stopping", spec.earlyStopping() == null ? null : spec.earlyStopping().format());
        put(options, "save-best", spec.saveBest() == null ? null : spec.saveBest().toAbsolutePath().normalize().toString());
        put(options, "save-state-every", spec.saveStateEvery() == null ? null : spec.saveStateEvery().toString());
        put(options, "state-dir", spec.stateDir() == null ? null : spec.stateDir().toAbsolutePath().normalize().toString());
        put(options, "run-name", spec.runName());
        put(options, "save-model", spec.saveModel() == null ? null : spec.saveModel().toAbsolutePath().normalize().toString());
        if (spec.publishPredictions()) {
            options.put("publish-predictions", "true");
        }
        return options;
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    /**
     * @param spec a training setup
     * @param comment the first line's comment, e.g. where the setup came from
     * @return the config file's text
     */
    public static String format(TrainSpec spec, String comment) {
        StringBuilder text = new StringBuilder("# ").append(comment.replaceAll("\\R", " ")).append('\n')
                .append("# repeat it with: trainstream train --config FILE   (options given on the command line win)\n");
        options(spec).forEach((key, value) -> text.append(ConfigFile.TRAIN_PREFIX).append(key).append('=')
                .append(escape(value)).append('\n'));
        return text.toString();
    }

    /**
     * @param summaryConfig a run summary's config: {@code hp.<name>} hyperparameters and {@code seed}
     * @param runId the run, for the comment
     * @param runName the run's name
     * @return the run's training config file
     * @throws io.trainstream.cli.UsageException when the run was not started by {@code trainstream train}
     */
    public static String fromRunConfig(Map<String, String> summaryConfig, String runId, String runName) {
        Map<String, String> hyper = new LinkedHashMap<>();
        summaryConfig.forEach((key, value) -> {
            if (key.startsWith("hp.")) {
                hyper.put(key.substring(3), value);
            }
        });
        String seed = summaryConfig.get("seed");
        TrainSpec spec = TrainSpec.fromHyperparameters(hyper, seed == null ? null : Long.valueOf(seed), runName);
        return format(spec, "trainstream train config of run " + runId);
    }

    /**
     * @param hyperparameters a run's {@code run_start} hyperparameters
     * @param seed its seed, or null
     * @param runId the run, for the comment
     * @param runName the run's name
     * @return the run's training config file
     * @throws io.trainstream.cli.UsageException when the run was not started by {@code trainstream train}
     */
    public static String fromHyperparameters(Map<String, String> hyperparameters, Long seed, String runId, String runName) {
        return format(TrainSpec.fromHyperparameters(hyperparameters, seed, runName), "trainstream train config of run " + runId);
    }

    /** Properties escaping of a value: backslashes, line breaks, tabs and a leading blank. */
    private static String escape(String value) {
        String text = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return text.startsWith(" ") ? "\\" + text : text;
    }
}
