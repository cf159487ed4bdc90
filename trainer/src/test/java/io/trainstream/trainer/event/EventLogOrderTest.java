package io.trainstream.trainer.event;

import ai.djl.Model;
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
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event reaches the log before callbacks run, numbered without gaps, even when a callback stops the run. */
class EventLogOrderTest {

    /** An in-memory log that also notes what the callbacks had seen when each event arrived. */
    static final class ListPublisher implements EventPublisher {
        final List<TrainingEvent> events = new ArrayList<>();
        final List<Integer> callbackCountAtPublish = new ArrayList<>();
        List<String> seenByCallback;

        @Override
        public void publish(TrainingEvent event) {
            events.add(event);
            callbackCountAtPublish.add(seenByCallback.size());
        }
    }

    static final class Seen implements TrainerCallback {
        final List<String> names = new ArrayList<>();

        @Override public void onTrainingRunStart(Trainer t) { names.add("training_run_start"); }
        @Override public void onTrainEpochStart(Trainer t) { names.add("train_epoch_start"); }
        @Override public void onTrainStepStart(Trainer t) { names.add("train_step_start"); }
        @Override public void onTrainStepEnd(Trainer t, Batch b, StepOutput o) { names.add("train_step_end"); }
        @Override public void onTrainEpochEnd(Trainer t) { names.add("train_epoch_end"); }
        @Override public void onEvalEpochStart(Trainer t, boolean i) { names.add("eval_epoch_start"); }
        @Override public void onEvalStepStart(Trainer t) { names.add("eval_step_start"); }
        @Override public void onEvalStepEnd(Trainer t, Batch b, StepOutput o) { names.add("eval_step_end"); }
        @Override public void onEvalEpochEnd(Trainer t, boolean i) { names.add("eval_epoch_end"); }
        @Override public void onTrainingRunEpochEnd(Trainer t) { names.add("training_run_epoch_end"); }
        @Override public void onTrainingRunEnd(Trainer t) { names.add("training_run_end"); }
        @Override public void onStopTrainingError(Trainer t, StopTrainingException e) { names.add("stop_training_error"); }
    }

    @Test
    void theLogHoldsEveryCallbackEventInDispatchOrderWithContiguousSeqAndHistoryChanges() {
        Seen seen = new Seen();
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onTrainingRunEpochEnd(Trainer trainer) {
                if (trainer.runHistory().currentEpoch() == 2) {
                    throw new StopTrainingException("enough");
                }
            }
        };
        ListPublisher log = new ListPublisher();
        log.seenByCallback = seen.names;
        try (NDManager manager = NDManager.newBaseManager(); Model model = model();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(stopper, seen))) {
            trainer.publishTo(log);
            trainer.train(data(manager, 12), TrainConfig.builder().numEpochs(5).perDeviceBatchSize(4)
                    .evalDataset(data(manager, 4)).build());

            List<TrainingEvent> events = log.events;
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(i);
                assertThat(events.get(i).runId()).isEqualTo(events.get(0).runId());
            }
            List<String> callbackEvents = events.stream().filter(e -> e.type().isCallbackEvent())
                    .filter(e -> e.type() != EventType.INIT_END).map(TrainingEvent::name).toList();
            // the stopper aborted dispatch of epoch 2's run-epoch-end, but the log has it
            List<String> expected = new ArrayList<>(seen.names);
            expected.add(expected.lastIndexOf("stop_training_error"), "training_run_epoch_end");
            assertThat(callbackEvents).isEqualTo(expected);
            // each callback event is logged before the callback saw it
            for (int i = 0; i < events.size(); i++) {
                TrainingEvent event = events.get(i);
                if (event.type().isCallbackEvent() && event.type() != EventType.INIT_END
                        && !event.name().equals("training_run_epoch_end")) {
                    int seenBefore = log.callbackCountAtPublish.get(i);
                    assertThat(seen.names.get(seenBefore)).isEqualTo(event.name());
                }
            }
            // init_end was raised in the constructor, before the publisher was attached: held for the first run
            assertThat(events.get(0).type()).isEqualTo(EventType.INIT_END);
            assertThat(events.get(1).type()).isEqualTo(EventType.HISTORY_RESET);
            assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.RUN_END);
            assertThat(events.get(events.size() - 1).payload()).containsEntry("status", "STOPPED")
                    .containsEntry("reason", "enough");
            List<Double> loggedTrainLoss = events.stream().filter(e -> e.type() == EventType.METRIC_UPDATE)
                    .filter(e -> e.payload().get("name").equals("train_loss_epoch"))
                    .map(e -> (Double) e.payload().get("value")).toList();
            assertThat(loggedTrainLoss).isEqualTo(trainer.runHistory().metricValues("train_loss_epoch"));
            assertThat(events).filteredOn(e -> e.type() == EventType.EPOCH_CHANGE).hasSize(1);
            TrainingEvent runStart = events.stream().filter(e -> e.type() == EventType.RUN_START).findFirst().orElseThrow();
            assertThat(((Map<?, ?>) runStart.payload().get("run_config")).get("num_epochs")).isEqualTo(5);
        }
    }

    @Test
    void stepEventsCarryTheTrueLossTheStepIndexAndTheGlobalStep() {
        ListPublisher log = new ListPublisher();
        log.seenByCallback = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Model model = model();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.publishTo(log);
            List<Double> losses = new ArrayList<>();
            trainer.callbackHandler().addCallback(new TrainerCallback() {
                @Override
                public void onTrainStepEnd(Trainer t, Batch b, StepOutput o) {
                    losses.add(t.lastStepLoss());
                }
            });
            trainer.train(data(manager, 12), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build());
            List<TrainingEvent> stepEnds = log.events.stream().filter(e -> e.type() == EventType.TRAIN_STEP_END).toList();
            assertThat(stepEnds).extracting(TrainingEvent::step).containsExactly(0, 1, 2);
            assertThat(stepEnds).extracting(TrainingEvent::globalStep).containsExactly(0L, 1L, 2L);
            assertThat(stepEnds).extracting(e -> e.payload().get("loss")).containsExactlyElementsOf(losses);
            assertThat(stepEnds).extracting(e -> e.payload().get("batch_size")).containsOnly(4L);
        }
    }

    private static Model model() {
        Model model = Model.newInstance("log");
        model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(8).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(3).build()));
        return model;
    }

    private static ArrayDataset data(NDManager manager, int n) {
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i * 4 + i % 3] = 1;
        }
        return new ArrayDataset.Builder().setData(manager.create(x, new Shape(n, 4)))
                .optLabels(manager.create(y, new Shape(n))).setSampling(4, false).build();
    }

    @Test
    void evalOutputsArePublishedOnlyWhenAskedFor() {
        ListPublisher log = new ListPublisher();
        log.seenByCallback = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Model model = model();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.publishTo(log);
            trainer.train(data(manager, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                    .evalDataset(data(manager, 6)).build());
            assertThat(log.events).filteredOn(e -> e.type() == EventType.EVAL_STEP_END)
                    .allSatisfy(e -> assertThat(e.payload()).doesNotContainKey("predictions"));

            log.events.clear();
            trainer.publishEvalOutputs(true);
            trainer.train(data(manager, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                    .evalDataset(data(manager, 6)).build());
            List<TrainingEvent> evalSteps = log.events.stream().filter(e -> e.type() == EventType.EVAL_STEP_END).toList();
            assertThat(evalSteps).hasSize(2);
            TrainingEvent first = evalSteps.get(0);
            assertThat((double[]) first.payload().get("targets")).containsExactly(0, 1, 2, 0);
            double[] predictions = (double[]) first.payload().get("predictions");
            assertThat(predictions).hasSize(4);
            for (double p : predictions) {
                assertThat(p).isIn(0.0, 1.0, 2.0);
            }
            List<Object> sampleIds = new ArrayList<>((List<?>) evalSteps.get(1).payload().get("sample_ids"));
            assertThat(sampleIds).containsExactly("4", "5");
        }
    }
}
