package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.events.EventHeader;
import io.trainstream.schemas.EventCodec;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.kafka.EventConverter;
import io.trainstream.trainer.schedule.LearningRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A realistic event stream: the events of one real training run of the benchmark MLP (250 train
 * steps and 25 eval steps per epoch: two events per step, plus epoch, metric and run bookkeeping),
 * captured once, then replayed as runs of any length by repeating the epoch with fresh seq, epoch,
 * global step and time.
 */
final class EventMix {

    static final int TRAIN_STEPS = 250;
    static final int EVAL_STEPS = 25;

    private final List<RunEvent> prefix;
    private final List<RunEvent> epoch;
    private final List<RunEvent> suffix;

    private EventMix(List<RunEvent> prefix, List<RunEvent> epoch, List<RunEvent> suffix) {
        this.prefix = prefix;
        this.epoch = epoch;
        this.suffix = suffix;
    }

    /** Trains the benchmark MLP for one epoch with evaluation and keeps every event it publishes. */
    static EventMix capture() {
        List<RunEvent> events = new ArrayList<>();
        EventPublisher recorder = events::add;
        try (NDManager manager = NDManager.newBaseManager(); Model model = BenchModel.mlp();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                        Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.none())) {
            trainer.publishTo(recorder);
            trainer.train(BenchModel.data(manager, TRAIN_STEPS * 64, 64), TrainConfig.builder().numEpochs(1)
                    .perDeviceBatchSize(64).evalDataset(BenchModel.data(manager, EVAL_STEPS * 64, 64)).build());
        }
        int first = indexOf(events, EventKind.TRAIN_EPOCH_START);
        int end = indexOf(events, EventKind.TRAINING_RUN_END);
        return new EventMix(List.copyOf(events.subList(0, first)), List.copyOf(events.subList(first, end)),
                List.copyOf(events.subList(end, events.size())));
    }

    private static int indexOf(List<RunEvent> events, EventKind type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == type) {
                return i;
            }
        }
        throw new IllegalStateException("the captured run has no " + type + " event");
    }

    /** @return events per type in one captured run */
    Map<String, Integer> composition() {
        Map<String, Integer> counts = new TreeMap<>();
        for (List<RunEvent> part : List.of(prefix, epoch, suffix)) {
            part.forEach(e -> counts.merge(e.name(), 1, Integer::sum));
        }
        return counts;
    }

    /** @return events of one epoch */
    int eventsPerEpoch() {
        return epoch.size();
    }

    /**
     * @return a run of about {@code count} events as the publisher puts them on the wire (converted and
     *     Avro single-object encoded, in order)
     */
    List<byte[]> encoded(String runId, long count) {
        EventConverter converter = EventConverter.forLocalHost();
        Run run = run(runId, count);
        List<byte[]> values = new ArrayList<>((int) run.size());
        while (run.hasNext()) {
            values.add(EventCodec.encode(converter.convert(run.next())));
        }
        return values;
    }

    /**
     * A run of about {@code count} events (whole epochs; the run start and run end included), stamped
     * lazily: each {@link Run#next()} builds the next event with the current time.
     */
    Run run(String runId, long count) {
        return new Run(runId, count);
    }

    /** One synthetic run; its events are built on demand. Not thread-safe. */
    final class Run {
        private final String runId;
        private final long epochs;
        private final long total;
        private long seq;

        private Run(String runId, long count) {
            this.runId = runId;
            this.epochs = Math.max(1, (count - prefix.size() - suffix.size()) / epoch.size());
            this.total = prefix.size() + epochs * epoch.size() + suffix.size();
        }

        /** @return the number of events of this run */
        long size() {
            return total;
        }

        boolean hasNext() {
            return seq < total;
        }

        /** @return the next event, timed now */
        RunEvent next() {
            long i = seq;
            RunEvent template;
            int epochIndex;
            if (i < prefix.size()) {
                template = prefix.get((int) i);
                epochIndex = 0;
            } else if (i < prefix.size() + epochs * epoch.size()) {
                long k = i - prefix.size();
                epochIndex = (int) (k / epoch.size());
                template = epoch.get((int) (k % epoch.size()));
            } else {
                template = suffix.get((int) (i - prefix.size() - epochs * epoch.size()));
                epochIndex = (int) epochs - 1;
            }
            seq++;
            EventHeader h = template.header();
            return new RunEvent(new EventHeader(runId, i, System.currentTimeMillis(), h.processIndex(),
                    h.processCount(), h.host(), h.epoch() + epochIndex,
                    h.globalStep() + (long) epochIndex * TRAIN_STEPS, h.step()), template.body());
        }
    }
}
