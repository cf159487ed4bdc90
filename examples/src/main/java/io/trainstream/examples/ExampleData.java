package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.trainstream.trainer.data.CsvDataset;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.data.FeatureScaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real datasets bundled with the examples (see DATA-LICENSES.md) and the small model they train:
 * {@code iris.csv} (150 flowers, 4 measurements, 3 species) and {@code digits.csv} (1797 8×8
 * handwritten digits, 10 classes).
 */
public final class ExampleData {

    private ExampleData() {}

    /** @return Fisher's iris data, label column {@code species} */
    public static CsvDataset iris() {
        return load("iris.csv", "species");
    }

    /** @return the UCI 8×8 handwritten digits, label column {@code label} */
    public static CsvDataset digits() {
        return load("digits.csv", "label");
    }

    /**
     * Splits off 20 % for evaluation (the same rows for the same data), standardising features with
     * the training rows' statistics.
     *
     * @param data the dataset
     * @param manager owns the arrays
     * @param batchSize the batch size of both parts
     * @return training and evaluation parts
     */
    public static DatasetSplit split(CsvDataset data, NDManager manager, int batchSize) {
        return data.split(manager, 0.2, 42, FeatureScaling.STANDARDIZE, batchSize);
    }

    /**
     * @param name the model's name
     * @param hidden units of the hidden layer
     * @param classes output classes
     * @return a model holding a one-hidden-layer perceptron (its block is set, as the trainer requires)
     */
    public static Model mlp(String name, int hidden, int classes) {
        // the same initial weights on every run, so the examples' results can be checked
        Engine.getInstance().setRandomSeed(42);
        Model model = Model.newInstance(name);
        model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build()));
        return model;
    }

    private static CsvDataset load(String file, String label) {
        String resource = "/datasets/" + file;
        try (InputStream in = ExampleData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled dataset " + resource + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return CsvDataset.read(reader, resource, label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled dataset " + resource, e);
        }
    }
}
