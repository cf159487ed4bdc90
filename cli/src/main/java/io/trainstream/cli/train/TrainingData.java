package io.trainstream.cli.train;

import io.trainstream.trainer.data.CsvDataset;
import io.trainstream.trainer.data.DatasetException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where {@code train} gets its samples: a CSV file, or a dataset bundled in the jar under
 * {@code datasets/} (digits and iris; see DATA-LICENSES.md for their origin).
 */
final class TrainingData {

    /** The default dataset: 1797 8x8 handwritten digits, 64 features, label column "label", 10 classes. */
    static final String DIGITS = "digits";

    private TrainingData() {
    }

    /**
     * @param file a CSV file, or null for the bundled digits set
     * @param labelColumn the label column, or null for the dataset's default ("label" for digits and files)
     * @return the dataset
     * @throws DatasetException naming the file, line and column when it cannot be used
     */
    static CsvDataset load(Path file, String labelColumn) {
        if (file != null) {
            return CsvDataset.load(file, labelColumn == null ? "label" : labelColumn);
        }
        return bundled(DIGITS, labelColumn == null ? "label" : labelColumn);
    }

    /**
     * @param name a bundled dataset: "digits" or "iris"
     * @param labelColumn its label column
     * @return the dataset
     */
    static CsvDataset bundled(String name, String labelColumn) {
        String resource = "/datasets/" + name + ".csv";
        InputStream in = TrainingData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new DatasetException("bundled dataset " + name + " is missing from the jar (" + resource + ")");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvDataset.read(reader, "bundled " + name + ".csv", labelColumn);
        } catch (IOException e) {
            throw new DatasetException("bundled dataset " + name + ": " + e.getMessage(), e);
        }
    }
}
