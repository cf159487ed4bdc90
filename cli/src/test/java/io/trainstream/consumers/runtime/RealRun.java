package io.trainstream.consumers.runtime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.RunInfo;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.LogMetricsCallback;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.schedule.LearningRate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real DJL training run (an MLP on three Gaussian blobs, with an eval set) published with the
 * trainer's {@link KafkaEventPublisher}, recording in-process what a consumer must reproduce: the run
 * history, what {@link LogMetricsCallback} logs, and each evaluation's predictions and targets.
 */
public final class RealRun {

    /** One in-process logging call. */
    public record Logged(int epoch, String event, Map<String, Double> metrics) {}

    /** One evaluation's rows, in order. */
    public record Evaluation(int epoch, boolean intermediate, List<Double> predictions, List<Double> targets) {}

    /** What the trainer held in memory. */
    public record Outcome(String runId, String runName, Map<String, List<Double>> history, int epoch, long globalStep,
            List<Logged> logged, List<Evaluation> evaluations) {}

    private static final int FEATURES = 6;
    private static final int BATCH = 16;

    private RealRun() {
    }

    /** Trains for {@code epochs} epochs, publishing every event to {@code topic}. */
    public static Outcome train(String topic, int epochs, boolean publishEvalOutputs) {
        return train(topic, epochs, publishEvalOutputs, true);
    }

    /**
     * Trains for {@code epochs} epochs, publishing every event to {@code topic}; with {@code
     * resetRunHistory} false the run publishes no {@code history_reset} at its start.
     */
    public static Outcome train(String topic, int epochs, boolean publishEvalOutputs, boolean resetRunHistory) {
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(KafkaTestSupport.bootstrap()).optEventsTopic(topic)
                .optRunsTopic(topic + ".runs").optEventsPartitions(2).build();
        Engine.getInstance().setRandomSeed(5);
        LoggedCapture logged = new LoggedCapture();
        EvalCapture evals = new EvalCapture();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(config);
             Model model = Model.newInstance("consumer-test-mlp");
             NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(12).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build()));
            List<TrainerCallback> callbacks = List.of(new ExtraMetrics(), logged, evals);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.02f)).build(), callbacks)) {
                trainer.withRunInfo(new RunInfo("consumer \"test\" <run>", Map.of("lr", "0.02"), 5L)).publishTo(publisher)
                        .publishEvalOutputs(publishEvalOutputs);
                trainer.train(blobs(manager, 96, 1), TrainConfig.builder().numEpochs(epochs)
                        .evalDataset(blobs(manager, 40, 2)).perDeviceBatchSize(BATCH).resetRunHistory(resetRunHistory).build());
                if (!publisher.flush(Duration.ofSeconds(20))) {
                    throw new IllegalStateException("events not delivered: " + publisher.deliveryReport());
                }
                Map<String, List<Double>> history = new LinkedHashMap<>();
                for (String name : trainer.runHistory().metricNames()) {
                    history.put(name, List.copyOf(trainer.runHistory().metricValues(name)));
                }
                return new Outcome(logged.runId, "consumer \"test\" <run>", history,
                        trainer.runHistory().currentEpoch(), trainer.globalStep(), logged.calls, evals.done);
            }
        }
    }

    private static ArrayDataset blobs(NDManager manager, int samples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = i % 3;
            for (int f = 0; f < FEATURES; f++) {
                x[i * FEATURES + f] = (float) ((f % 3 == i % 3 ? 1.5 : 0.0) + random.nextGaussian());
            }
        }
        return new ArrayDataset.Builder().setData(manager.create(x, new Shape(samples, FEATURES)))
                .optLabels(manager.create(y, new Shape(samples))).setSampling(BATCH, false).build();
    }

    /** Adds metrics the trainer does not record itself: an accuracy-like value, NaN, and a deleted one. */
    private static final class ExtraMetrics implements TrainerCallback {
        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            int epoch = trainer.runHistory().currentEpoch();
            trainer.runHistory().updateMetric("accuracy", 0.5 + epoch / 10.0);
            trainer.runHistory().updateMetric("odd_nan", Double.NaN);
            trainer.runHistory().updateMetric("train_scratch", epoch);
            if (epoch == 2) {
                trainer.runHistory().deleteMetric("train_scratch");
            }
        }
    }

    /** The seed's LogMetricsCallback, recording what it logs and when. */
    private static final class LoggedCapture extends LogMetricsCallback {
        final List<Logged> calls = new ArrayList<>();
        private String event;

        String runId;

        @Override
        public void onTrainingRunStart(Trainer trainer) {
            runId = trainer.runId();
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            event = "train_epoch_end";
            super.onTrainEpochEnd(trainer);
        }

        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            event = "eval_epoch_end";
            super.onEvalEpochEnd(trainer, isIntermediate);
        }

        @Override
        protected void logMetrics(Trainer trainer, Map<String, Double> metrics) {
            calls.add(new Logged(trainer.runHistory().currentEpoch(), event, new LinkedHashMap<>(metrics)));
        }
    }

    /** The seed's SavePredictionsCallback, in memory: argmax class and label per eval sample. */
    private static final class EvalCapture implements TrainerCallback {
        final List<Evaluation> done = new ArrayList<>();
        private List<Double> predictions;
        private List<Double> targets;
        private boolean intermediate;

        @Override
        public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
            predictions = new ArrayList<>();
            targets = new ArrayList<>();
            intermediate = isIntermediate;
        }

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            NDArray classes = output.modelOutputs().singletonOrThrow().argMax(-1).toType(DataType.FLOAT64, false);
            for (double v : classes.toDoubleArray()) {
                predictions.add(v);
            }
            for (double v : batch.getLabels().singletonOrThrow().toType(DataType.FLOAT64, false).toDoubleArray()) {
                targets.add(v);
            }
        }

        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            done.add(new Evaluation(trainer.runHistory().currentEpoch(), intermediate, predictions, targets));
        }
    }
}
