package io.trainstream.cli.predict;

import ai.djl.Model;
import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.train.DelimiterConverter;
import io.trainstream.cli.train.TrainingData;
import io.trainstream.trainer.data.DatasetException;
import io.trainstream.trainer.data.FeatureTable;
import io.trainstream.trainer.data.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trainstream predict --model DIR --data FILE.csv}: predictions of a model saved by {@code train
 * --save-model}, one CSV row per input row, on stdout or in {@code --out}. Needs no Kafka.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Output CSV columns: row (1-based data row), prediction (class name or",
                "value), probability (classification), and the label column when the file",
                "has it; then accuracy, or mae and r2, is noted on stderr. Needs no Kafka."})
public final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "Directory written by 'train --save-model'.")
    private Path modelDir;

    @Option(names = "--data", paramLabel = "FILE.csv|NAME", required = true,
            description = "UTF-8 CSV with a header row holding the model's feature columns (any order, others ignored); "
                    + "or a bundled dataset: digits, iris.")
    private Path data;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "CSV field delimiter: one character, or 'tab' (default: detected from the header row).")
    private Character delimiter;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the predictions here instead of to stdout.")
    private Path out;

    /** Creates the command; picocli does this. */
    public PredictCommand() {
    }

    /** Loads the model and the rows, predicts, writes. */
    @Override
    public Integer call() {
        SavedModel metadata = SavedModel.read(modelDir);
        FeatureTable table = readRows(metadata);
        float[] rows = table.values();
        metadata.scaling().apply(rows);
        Predictions.Prediction[] predictions;
        try (Model model = metadata.load(modelDir)) {
            predictions = Predictions.run(model, metadata, rows);
        }
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            write(stdout, metadata, table, predictions);
            stdout.flush();
        } else {
            try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                write(new PrintWriter(file), metadata, table, predictions);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
        PredictionQuality.describe(metadata, table, predictions).ifPresent(line -> {
            spec.commandLine().getErr().println("trainstream predict: " + line);
            spec.commandLine().getErr().flush();
        });
        return ExitCodes.OK;
    }

    private FeatureTable readRows(SavedModel metadata) {
        String bundled = TrainingData.bundledName(data);
        if (bundled != null) {
            try (InputStream in = TrainingData.openBundled(bundled)) {
                return FeatureTable.read(in, "bundled " + bundled + ".csv", metadata.features(), metadata.labelColumn(), delimiter);
            } catch (IOException e) {
                throw new DatasetException("bundled dataset " + bundled + ": " + e.getMessage(), e);
            }
        }
        if (!Files.exists(data)) {
            throw TrainingData.noSuchFile(data);
        }
        return FeatureTable.load(data, metadata.features(), metadata.labelColumn(), delimiter);
    }

    private static void write(PrintWriter writer, SavedModel metadata, FeatureTable table, Predictions.Prediction[] predictions) {
        boolean classification = metadata.task() == Task.CLASSIFICATION;
        boolean labelled = table.labels() != null;
        writer.print(classification ? "row,prediction,probability" : "row,prediction");
        writer.println(labelled ? "," + csv(metadata.labelColumn()) : "");
        for (int i = 0; i < predictions.length; i++) {
            Predictions.Prediction p = predictions[i];
            writer.print(i + 1);
            writer.print(',');
            if (classification) {
                writer.print(csv(metadata.classes().get((int) p.value())) + "," + String.format(Locale.ROOT, "%.6f", p.probability()));
            } else {
                writer.print(String.format(Locale.ROOT, "%.6g", p.value()));
            }
            writer.println(labelled ? "," + csv(table.labels().get(i)) : "");
        }
        writer.flush();
    }

    /** RFC 4180 quoting for a text cell. */
    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
