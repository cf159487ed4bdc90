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
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.StepValues;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event reaches the log before callbacks run, numbered without gaps, even when a callback stops the run. */
class EventLogOrderTest {

    /** An in-memory log that also notes what the callbacks had seen when each event arrived. */
    static final class ListPublisher implements EventPublisher {
        final List<RunEvent> events = new ArrayList<>();
        final List<Integer> callbackCountAtPublish = new ArrayList<>();
        List<String> seenByCallback;

        @Override
        public void publish(RunEvent event) {
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

            List<RunEvent> events = log.events;
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(i);
                assertThat(events.get(i).runId()).isEqualTo(events.get(0).runId());
            }
            List<String> callbackEvents = events.stream().filter(e -> e.kind().isCallbackEvent())
                    .filter(e -> e.kind() != EventKind.INIT_END).map(RunEvent::name).toList();
            // the stopper aborted dispatch of epoch 2's run-epoch-end, but the log has it
            List<String> expected = new ArrayList<>(seen.names);
            expected.add(expected.lastIndexOf("stop_training_error"), "training_run_epoch_end");
            assertThat(callbackEvents).isEqualTo(expected);
            // each callback event is logged before the callback saw it
            for (int i = 0; i < events.size(); i++) {
                RunEvent event = events.get(i);
                if (event.kind().isCallbackEvent() && event.kind() != EventKind.INIT_END
                        && !event.name().equals("training_run_epoch_end")) {
                    int seenBefore = log.callbackCountAtPublish.get(i);
                    assertThat(seen.names.get(seenBefore)).isEqualTo(event.name());
                }
            }
            // init_end was raised in the constructor, before the publisher was attached: held for the first run
            assertThat(events.get(0).kind()).isEqualTo(EventKind.INIT_END);
            assertThat(events.get(1).kind()).isEqualTo(EventKind.HISTORY_RESET);
            assertThat(events.get(events.size() - 1).kind()).isEqualTo(EventKind.RUN_END);
            EventBody.RunEnd end = (EventBody.RunEnd) events.get(events.size() - 1).body();
            assertThat(end.status()).isEqualTo(RunEndStatus.STOPPED);
            assertThat(end.reason()).isEqualTo("enough");
            List<Double> loggedTrainLoss = events.stream().filter(e -> e.kind() == EventKind.METRIC_UPDATE)
                    .map(e -> (EventBody.MetricUpdate) e.body()).filter(u -> u.name().equals("train_loss_epoch"))
                    .map(EventBody.MetricUpdate::value).toList();
            assertThat(loggedTrainLoss).isEqualTo(trainer.runHistory().metricValues("train_loss_epoch"));
            assertThat(events).filteredOn(e -> e.kind() == EventKind.EPOCH_CHANGE).hasSize(1);
            RunEvent runStart = events.stream().filter(e -> e.kind() == EventKind.RUN_START).findFirst().orElseThrow();
            assertThat(((RunStart) runStart.body()).runConfig().getNumEpochs()).isEqualTo(5);
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
            List<RunEvent> stepEnds = log.events.stream().filter(e -> e.kind() == EventKind.TRAIN_STEP_END).toList();
            assertThat(stepEnds).extracting(RunEvent::step).containsExactly(0, 1, 2);
            assertThat(stepEnds).extracting(RunEvent::globalStep).containsExactly(0L, 1L, 2L);
            List<StepValues> values = stepEnds.stream().map(e -> ((EventBody.TrainStepEnd) e.body()).values()).toList();
            assertThat(values).extracting(StepValues::loss).containsExactlyElementsOf(losses);
            assertThat(values).extracting(StepValues::batchSize).containsOnly(4);
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
            assertThat(log.events).filteredOn(e -> e.kind() == EventKind.EVAL_STEP_END)
                    .allSatisfy(e -> assertThat(((EventBody.EvalStepEnd) e.body()).values().predictions()).isNull());

            log.events.clear();
            trainer.publishEvalOutputs(true);
            trainer.train(data(manager, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                    .evalDataset(data(manager, 6)).build());
            List<RunEvent> evalSteps = log.events.stream().filter(e -> e.kind() == EventKind.EVAL_STEP_END).toList();
            assertThat(evalSteps).hasSize(2);
            RunEvent first = evalSteps.get(0);
            StepValues firstValues = ((EventBody.EvalStepEnd) first.body()).values();
            assertThat(firstValues.targets()).containsExactly(0.0, 1.0, 2.0, 0.0);
            List<Double> predictions = firstValues.predictions();
            assertThat(predictions).hasSize(4);
            for (double p : predictions) {
                assertThat(p).isIn(0.0, 1.0, 2.0);
            }
            List<String> sampleIds = ((EventBody.EvalStepEnd) evalSteps.get(1).body()).values().sampleIds();
            assertThat(sampleIds).containsExactly("4", "5");
        }
    }
}
