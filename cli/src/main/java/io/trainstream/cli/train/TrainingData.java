package io.trainstream.cli.train;

import io.trainstream.trainer.data.CsvDataset;
import io.trainstream.trainer.data.CsvOptions;
import io.trainstream.trainer.data.DatasetException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@code train} gets its samples: a CSV file, or a dataset bundled in the jar under
 * {@code datasets/}, named by {@code --data iris} or {@code --data digits} (see DATA-LICENSES.md for their
 * origin). A name is a bundled dataset only when no file of that name exists.
 */
public final class TrainingData {

    /** The default dataset: 1797 8x8 handwritten digits, 64 features, label column "label", 10 classes. */
    public static final String DIGITS = "digits";

    /** The bundled datasets by name, with their label columns. */
    private static final Map<String, String> BUNDLED = new TreeMap<>(Map.of(DIGITS, "label", "iris", "species"));

    private TrainingData() {
    }

    /**
     * @param data a CSV file, a bundled dataset's name, or null for the bundled digits set
     * @param options the label column (null: the bundled set's, or "label"), delimiter and task
     * @return the dataset
     * @throws DatasetException naming the file, line and column when it cannot be used; for a missing file,
     *     listing the bundled datasets
     */
    public static CsvDataset load(Path data, CsvOptions options) {
        String name = bundledName(data);
        if (name != null) {
            return bundled(name, options);
        }
        if (!Files.exists(data)) {
            throw noSuchFile(data);
        }
        return CsvDataset.load(data, options.labelColumn() == null ? options.withLabelColumn("label") : options);
    }

    /**
     * @param data the {@code --data} value, or null
     * @return the bundled dataset it names ({@link #DIGITS} for null), or null when it names a file
     */
    public static String bundledName(Path data) {
        if (data == null) {
            return DIGITS;
        }
        String text = data.toString().toLowerCase(Locale.ROOT);
        return BUNDLED.containsKey(text) && data.getParent() == null && !Files.exists(data) ? text : null;
    }

    private static String suggestion(Path data) {
        String file = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
        String stem = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        return BUNDLED.containsKey(stem) ? stem : "iris";
    }

    /**
     * @param name a bundled dataset's name, as {@link #bundledName} returns it
     * @return its CSV bytes; the caller closes them
     */
    public static InputStream openBundled(String name) {
        InputStream in = TrainingData.class.getResourceAsStream("/datasets/" + name + ".csv");
        if (in == null) {
            throw new DatasetException("bundled dataset " + name + " is missing from the jar (/datasets/" + name + ".csv)");
        }
        return in;
    }

    /**
     * @param data the {@code --data} value of a command reading a file
     * @return the same message as {@link #load} for a file that does not exist
     */
    public static DatasetException noSuchFile(Path data) {
        return new DatasetException(data + ": no such file; bundled datasets: " + String.join(", ", BUNDLED.keySet())
                + " (e.g. --data " + suggestion(data) + ")");
    }

    private static CsvDataset bundled(String name, CsvOptions options) {
        String resource = "/datasets/" + name + ".csv";
        CsvOptions withLabel = options.labelColumn() == null ? options.withLabelColumn(BUNDLED.get(name)) : options;
        try (InputStream in = TrainingData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DatasetException("bundled dataset " + name + " is missing from the jar (" + resource + ")");
            }
            return CsvDataset.read(in, "bundled " + name + ".csv", withLabel);
        } catch (IOException e) {
            throw new DatasetException("bundled dataset " + name + ": " + e.getMessage(), e);
        }
    }
}
