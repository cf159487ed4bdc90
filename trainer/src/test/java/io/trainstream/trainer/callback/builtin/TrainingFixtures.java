package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.schedule.LearningRate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small real models, generated datasets and recording callbacks for the built-in callback tests
 * (the same idea as the trainer package's {@code TestData}, which is not visible from here).
 */
final class TrainingFixtures {

    /** Batch size of every run in these tests. */
    static final int BATCH = 32;
    static final int FEATURES = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingFixtures() {}

    /** An MLP 12 -> 16 (ReLU) -> 3 with a fixed engine seed, so two calls give the same initial weights. */
    static Model mlp(String name) {
        Engine.getInstance().setRandomSeed(7);
        Model model = Model.newInstance(name);
        model.setBlock(new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build()));
        return model;
    }

    /** Three Gaussian blobs in 12 dimensions: a separable 3-class problem. */
    static ArrayDataset blobs(NDManager manager, int samples, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 3;
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                double centre = (f % 3 == label) ? 2.5 : 0.0;
                x[i * FEATURES + f] = (float) (centre + random.nextGaussian());
            }
        }
        return new ArrayDataset.Builder().setData(manager.create(x, new Shape(samples, FEATURES)))
                .optLabels(manager.create(y, new Shape(samples))).setSampling(BATCH, false).build();
    }

    /** A trainer with cross-entropy loss, Adam at 0.01 and exactly the given callbacks. */
    static Trainer trainer(Model model, TrainerCallback... callbacks) {
        return new Trainer(model, Loss.softmaxCrossEntropyLoss(), adam(), Callbacks.of(callbacks));
    }

    static Optimizer adam() {
        return Optimizer.adam().optLearningRateTracker(LearningRate.of(0.01f)).build();
    }

    /** @return a train config of {@code epochs} epochs with batch size {@link #BATCH} */
    static TrainConfig.Builder epochs(int epochs) {
        return TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(BATCH);
    }

    /** @return a copy of every parameter's values, by parameter name */
    static Map<String, float[]> weights(Model model) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            copy.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return copy;
    }

    static void assertSameWeights(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
    }

    static boolean sameWeights(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(name -> java.util.Arrays.equals(a.get(name), b.get(name)));
    }

    /** Runs {@code action} with {@code System.out} redirected, and returns what it printed. */
    static String stdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** @return the extra top-level entries of a checkpoint file, read without touching any model */
    static Map<String, Object> checkpointExtras(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("extras.json");
            return JSON.readValue(zip.getInputStream(entry).readAllBytes(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the section names of a checkpoint file */
    static Set<String> checkpointSections(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> names = new LinkedHashSet<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a scripted value of one metric into the history at each {@code onTrainingRunEpochEnd}; place
     * it before the callback that watches the metric. The script continues across {@code train()} calls.
     */
    static final class ScriptedMetric implements TrainerCallback {
        private final String metric;
        private final double[] values;
        private int next;

        ScriptedMetric(String metric, double... values) {
            this.metric = metric;
            this.values = values;
        }

        @Override
        public void onTrainingRunEpochEnd(Trainer trainer) {
            trainer.runHistory().updateMetric(metric, values[next++]);
        }
    }

    /**
     * Records every standard event as a short string: {@code name} or {@code name:detail}, where the
     * detail is the epoch (train epoch start, run epoch end), the batch index (train steps), the
     * intermediate flag (eval epochs) or the stop reason. Optional actions run on selected events.
     * Not final: {@code new EventLog() {}} is a second log the callback handler accepts in the same list.
     */
    static class EventLog implements TrainerCallback {
        final List<String> events = new ArrayList<>();
        private final Map<String, Consumer<Trainer>> actions = new LinkedHashMap<>();

        /** Runs {@code action} whenever the event named {@code event} (without detail) arrives. */
        EventLog on(String event, Consumer<Trainer> action) {
            actions.merge(event, action, Consumer::andThen);
            return this;
        }

        List<String> named(String prefix) {
            return events.stream().filter(e -> e.equals(prefix) || e.startsWith(prefix + ":")).toList();
        }

        long count(String event) {
            return named(event).size();
        }

        /**
         * @return one entry per eval epoch, in order: {@code "<isIntermediate>:<eval steps>"}, counting
         *     {@code onEvalStepEnd} calls between the epoch's start and end events
         */
        List<String> evalEpochSteps() {
            List<String> epochs = new ArrayList<>();
            int steps = 0;
            for (String event : events) {
                if (event.startsWith("evalEpochStart:")) {
                    steps = 0;
                } else if (event.equals("evalStepEnd")) {
                    steps++;
                } else if (event.startsWith("evalEpochEnd:")) {
                    epochs.add(event.substring("evalEpochEnd:".length()) + ":" + steps);
                }
            }
            return epochs;
        }

        private void record(Trainer trainer, String event, Object detail) {
            events.add(detail == null ? event : event + ":" + detail);
            Consumer<Trainer> action = actions.get(event);
            if (action != null) {
                action.accept(trainer);
            }
        }

        @Override
        public void onTrainingRunStart(Trainer trainer) {
            record(trainer, "trainingRunStart", null);
        }

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            record(trainer, "trainEpochStart", trainer.runHistory().currentEpoch());
        }

        @Override
        public void onTrainStepStart(Trainer trainer) {
            record(trainer, "trainStepStart", trainer.currentStep());
        }

        @Override
        public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
            record(trainer, "trainStepEnd", trainer.currentStep());
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            record(trainer, "trainEpochEnd", null);
        }

        @Override
        public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
            record(trainer, "evalEpochStart", isIntermediate);
        }

        @Override
        public void onEvalStepStart(Trainer trainer) {
            record(trainer, "evalStepStart", null);
        }

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
            record(trainer, "evalStepEnd", null);
        }

        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            record(trainer, "evalEpochEnd", isIntermediate);
        }

        @Override
        public void onTrainingRunEpochEnd(Trainer trainer) {
            record(trainer, "trainingRunEpochEnd", trainer.runHistory().currentEpoch());
        }

        @Override
        public void onTrainingRunEnd(Trainer trainer) {
            record(trainer, "trainingRunEnd", null);
        }

        @Override
        public void onEvaluationRunStart(Trainer trainer) {
            record(trainer, "evaluationRunStart", null);
        }

        @Override
        public void onEvaluationRunEnd(Trainer trainer) {
            record(trainer, "evaluationRunEnd", null);
        }

        @Override
        public void onStopTrainingError(Trainer trainer, StopTrainingException error) {
            record(trainer, "stop", error.reason());
        }
    }
}
