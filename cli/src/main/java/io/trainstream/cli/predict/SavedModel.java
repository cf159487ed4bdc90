package io.trainstream.cli.predict;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.train.Mlp;
import io.trainstream.trainer.data.FittedScaling;
import io.trainstream.trainer.data.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code predict} needs besides the weights, saved next to them as {@value #METADATA}: the task, the
 * feature columns in the model's order, the class names, the layer sizes and the feature scaling fitted on
 * the training rows (new rows must be scaled the same way). The weights are DJL's {@value #NAME}-0000.params.
 *
 * @param formatVersion {@link #FORMAT_VERSION}; other versions are refused
 * @param task classification or regression
 * @param labelColumn the label column trained on
 * @param features the feature columns, in the model's input order
 * @param classes the class names by index (empty for regression)
 * @param hidden the hidden layer sizes
 * @param scalingShift subtracted from each feature
 * @param scalingDivisor each feature is then divided by it
 * @param runId the run that trained it
 * @param data the dataset it was trained on
 */
public record SavedModel(int formatVersion, Task task, String labelColumn, List<String> features, List<String> classes,
        List<Integer> hidden, double[] scalingShift, double[] scalingDivisor, String runId, String data) {

    /** The metadata format this release writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The metadata file's name. */
    public static final String METADATA = "trainstream-model.json";
    /** The weights' name. */
    static final String NAME = "model";

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** Validates and copies. */
    public SavedModel {
        Objects.requireNonNull(task, "task");
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        hidden = List.copyOf(hidden);
        if (scalingShift.length != features.size() || scalingDivisor.length != features.size()) {
            throw new IllegalArgumentException("scaling has " + scalingShift.length + " columns for " + features.size() + " features");
        }
    }

    /** @return the model's outputs: one per class, or one value */
    public int outputs() {
        return task == Task.REGRESSION ? 1 : classes.size();
    }

    /** @return the scaling to apply to new rows */
    public FittedScaling scaling() {
        return new FittedScaling(scalingShift, scalingDivisor);
    }

    /**
     * Writes the weights and the metadata into a directory (created if needed).
     *
     * @param dir the directory
     * @param model the trained model
     * @param metadata what goes with it
     */
    public static void save(Path dir, Model model, SavedModel metadata) {
        try {
            Files.createDirectories(dir);
            model.save(dir, NAME);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(METADATA).toFile(), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir, e);
        }
    }

    /**
     * @param dir a directory written by {@link #save}
     * @return the metadata
     * @throws UsageException when the directory holds no saved model or one of another format
     */
    public static SavedModel read(Path dir) {
        Path file = dir.resolve(METADATA);
        SavedModel metadata;
        try {
            metadata = JSON.readValue(Files.readString(file), SavedModel.class);
        } catch (NoSuchFileException e) {
            throw new UsageException(dir + ": no saved model here (no " + METADATA + "; save one with 'trainstream train --save-model DIR')");
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(file + ": not a trainstream model description (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        if (metadata.formatVersion() != FORMAT_VERSION) {
            throw new UsageException(file + ": model format " + metadata.formatVersion() + ", this trainstream reads " + FORMAT_VERSION);
        }
        return metadata;
    }

    /**
     * @param dir the directory the model was saved to
     * @return the model with its weights loaded; the caller closes it
     * @throws UsageException when the weights are missing or do not fit the description
     */
    public Model load(Path dir) {
        Model model = Mlp.create(hidden, outputs());
        try {
            model.load(dir, NAME);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new UsageException(dir + ": cannot load the model's weights (" + e.getMessage() + ")");
        }
    }
}
