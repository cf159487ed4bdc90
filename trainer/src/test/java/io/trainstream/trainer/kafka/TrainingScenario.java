package io.trainstream.trainer.kafka;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.OnEvent;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.schedule.LearningRate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real DJL training run for the publishing tests: an MLP on three generated Gaussian blobs, with an
 * eval set, a recording callback placed first, a custom event raised from the loss hook (the seed's
 * VerifyBatch), early stopping watching {@code eval_loss_epoch}, odd metric values (NaN, infinities)
 * and a {@link StopTrainingException} at the end of epoch {@code stopAfterEpoch}.
 */
final class TrainingScenario {

    static final int FEATURES = 8;
    static final int BATCH = 32;

    /** What a run left behind in memory. */
    record Outcome(String runId, List<String> callbackEvents, Map<String, List<Double>> history) {}

    private TrainingScenario() {}

    static Outcome run(EventPublisher publisher, int epochs, int stopAfterEpoch, int trainSamples,
            TrainerCallback... extra) {
        Engine.getInstance().setRandomSeed(11);
        try (Model model = Model.newInstance("publishing-mlp"); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build()));
            ArrayDataset train = blobs(manager, trainSamples, 1);
            ArrayDataset eval = blobs(manager, 96, 2);
            RecordingCallback recording = new RecordingCallback();
            List<TrainerCallback> callbacks = new ArrayList<>();
            callbacks.add(recording);
            callbacks.add(new EarlyStoppingCallback(50, 0.0));
            callbacks.add(new OddMetricsCallback());
            callbacks.add(new StopAtEpochCallback(stopAfterEpoch));
            callbacks.add(new VerifyBatchCallback());
            callbacks.addAll(List.of(extra));
            try (Trainer trainer = new VerifyingTrainer(model, callbacks)) {
                trainer.withRunInfo(new RunInfo("publishing-test", Map.of("lr", "0.01"), 11L)).publishTo(publisher);
                trainer.train(train, TrainConfig.builder().numEpochs(epochs).evalDataset(eval)
                        .perDeviceBatchSize(BATCH).build());
                Map<String, List<Double>> history = new LinkedHashMap<>();
                for (String name : trainer.runHistory().metricNames()) {
                    history.put(name, List.copyOf(trainer.runHistory().metricValues(name)));
                }
                return new Outcome(recording.runId, recording.seen, history);
            }
        }
    }

    static ArrayDataset blobs(NDManager manager, int samples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 3;
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                x[i * FEATURES + f] = (float) ((f % 3 == label ? 2.0 : 0.0) + random.nextGaussian());
            }
        }
        NDArray data = manager.create(x, new Shape(samples, FEATURES));
        NDArray labels = manager.create(y, new Shape(samples));
        return new ArrayDataset.Builder().setData(data).optLabels(labels).setSampling(BATCH, false).build();
    }

    /** The seed's VerifyingTrainer: raises {@code verify_train_batch} before each train loss. */
    static final class VerifyingTrainer extends Trainer {
        VerifyingTrainer(Model model, List<TrainerCallback> callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.01f)).build(), callbacks);
        }

        @Override
        protected StepOutput calculateTrainBatchLoss(Batch batch) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("xb", batch.getData().head().get("0:2"));
            args.put("batch_rows", batch.getData().head().getShape().get(0));
            args.put("tag", "train");
            args.put("nothing", null);
            args.put("scale", Double.POSITIVE_INFINITY);
            callbackHandler().callEvent("verify_train_batch", this, args);
            return super.calculateTrainBatchLoss(batch);
        }
    }

    /** Records the name of every callback event it receives, in order (placed first). */
    static final class RecordingCallback implements TrainerCallback {
        final List<String> seen = new ArrayList<>();
        String runId;

        @Override
        public void onInitEnd(Trainer t) {
            seen.add("init_end");
        }

        @Override
        public void onTrainingRunStart(Trainer t) {
            runId = t.runId();
            seen.add("training_run_start");
        }

        @Override public void onTrainEpochStart(Trainer t) { seen.add("train_epoch_start"); }
        @Override public void onTrainStepStart(Trainer t) { seen.add("train_step_start"); }
        @Override public void onTrainStepEnd(Trainer t, Batch b, StepOutput o) { seen.add("train_step_end"); }
        @Override public void onTrainEpochEnd(Trainer t) { seen.add("train_epoch_end"); }
        @Override public void onEvalEpochStart(Trainer t, boolean i) { seen.add("eval_epoch_start"); }
        @Override public void onEvalStepStart(Trainer t) { seen.add("eval_step_start"); }
        @Override public void onEvalStepEnd(Trainer t, Batch b, StepOutput o) { seen.add("eval_step_end"); }
        @Override public void onEvalEpochEnd(Trainer t, boolean i) { seen.add("eval_epoch_end"); }
        @Override public void onTrainingRunEpochEnd(Trainer t) { seen.add("training_run_epoch_end"); }
        @Override public void onTrainingRunEnd(Trainer t) { seen.add("training_run_end"); }
        @Override public void onStopTrainingError(Trainer t, StopTrainingException e) { seen.add("stop_training_error"); }

        @OnEvent("verify_train_batch")
        void verify() {
            seen.add("verify_train_batch");
        }
    }

    /** Handles the custom event the way the seed's VerifyBatchCallback does. */
    static final class VerifyBatchCallback implements TrainerCallback {
        @OnEvent("verify_train_batch")
        void verify(Trainer trainer, io.trainstream.trainer.callback.CustomEvent event) {
            NDArray xb = event.get("xb");
            if (xb.getShape().get(1) != FEATURES) {
                throw new IllegalStateException("unexpected batch shape " + xb.getShape());
            }
        }
    }

    /** Records NaN and infinite values, so they travel through the whole path. */
    static final class OddMetricsCallback implements TrainerCallback {
        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            trainer.runHistory().updateMetric("odd_nan", Double.NaN);
            trainer.runHistory().updateMetric("odd_inf", Double.NEGATIVE_INFINITY);
        }
    }

    /** Ends the run at the end of a given epoch with a StopTrainingException. */
    static final class StopAtEpochCallback implements TrainerCallback {
        private final int epoch;

        StopAtEpochCallback(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public void onTrainingRunEpochEnd(Trainer trainer) {
            if (trainer.runHistory().currentEpoch() == epoch) {
                throw new StopTrainingException("stopped by the test after epoch " + epoch);
            }
        }
    }
}
