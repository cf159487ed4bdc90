package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.schedule.LearningRate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Epoch time with every event published to Kafka (embedded broker, same process) against no
 * publishing ({@link EventPublisher#NONE}). One epoch is one {@code train()} call of one epoch; ON and
 * OFF alternate (order swapped each repetition) after a warm-up of at least {@value #WARMUP_STEPS}
 * steps. Two times are taken per epoch: the epoch loop (train_epoch_start to train_epoch_end, what
 * training feels) and the whole {@code train()} call (which also waits for the flush at run end).
 */
public final class PublishingOverheadBench {

    static final int WARMUP_STEPS = 1500;
    static final int BATCH = 64;
    static final int STEPS_PER_EPOCH = 250;
    static final int REPETITIONS = 15;

    private PublishingOverheadBench() {}

    /**
     * @param args optional: repetitions
     * @throws Exception when the broker or the results file fails
     */
    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : REPETITIONS;
        Path data = Files.createTempDirectory("trainstream-bench-kafka");
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(data).build()).start();
                KafkaEventPublisher kafka = KafkaEventPublisher.open(
                        KafkaPublisherConfig.builder(broker.bootstrapServers()).build());
                NDManager manager = NDManager.newBaseManager();
                Model model = BenchModel.mlp()) {
            ArrayDataset train = BenchModel.data(manager, STEPS_PER_EPOCH * BATCH, BATCH);
            EpochTimer timer = new EpochTimer();
            CountingPublisher counting = new CountingPublisher(kafka);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(),
                    Callbacks.of(timer))) {
                System.err.println("warming up (" + WARMUP_STEPS + "+ steps, publishing off then on)...");
                for (int steps = 0; steps < WARMUP_STEPS; steps += STEPS_PER_EPOCH) {
                    epoch(trainer, train, steps % (2 * STEPS_PER_EPOCH) == 0 ? EventPublisher.NONE : counting);
                }
                Samples onLoop = new Samples();
                Samples offLoop = new Samples();
                Samples onCall = new Samples();
                Samples offCall = new Samples();
                Samples onCpu = new Samples();
                Samples offCpu = new Samples();
                long eventsBefore = counting.count();
                double onLoopTotal = 0;
                for (int rep = 0; rep < repetitions; rep++) {
                    for (boolean on : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        double call = epoch(trainer, train, on ? counting : EventPublisher.NONE);
                        (on ? onCall : offCall).add(call);
                        (on ? onLoop : offLoop).add(timer.lastMillis());
                        (on ? onCpu : offCpu).add(timer.lastCpuMillis());
                        onLoopTotal += on ? timer.lastMillis() : 0;
                    }
                    System.err.printf("rep %d: on %.1f ms (cpu %.1f), off %.1f ms (cpu %.1f)%n", rep + 1,
                            onLoop.values().get(rep), onCpu.values().get(rep), offLoop.values().get(rep),
                            offCpu.values().get(rep));
                }
                long events = counting.count() - eventsBefore;
                kafka.flush(Duration.ofSeconds(30));
                DeliveryReport report = kafka.deliveryReport();
                BenchResult result = new BenchResult(repetitions, STEPS_PER_EPOCH, BATCH, WARMUP_STEPS, onLoop, offLoop,
                        onCall, offCall, onCpu, offCpu, events / (double) repetitions, events / (onLoopTotal / 1000.0), report);
                result.print(System.out);
                result.write(results.resolve("latest-publishing.json"));
            }
        }
    }

    /** @return the wall time of one one-epoch {@code train()} call, in ms */
    private static double epoch(Trainer trainer, ArrayDataset train, EventPublisher publisher) {
        trainer.publishTo(publisher);
        long start = System.nanoTime();
        trainer.train(train, TrainConfig.builder().numEpochs(1).perDeviceBatchSize(BATCH).build());
        return (System.nanoTime() - start) / 1e6;
    }

    /** Times the epoch loop: from train_epoch_start to train_epoch_end. */
    static final class EpochTimer implements TrainerCallback {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private long start;
        private long cpuStart;
        private double last;
        private double lastCpu;

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            last = (System.nanoTime() - start) / 1e6;
            lastCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }

        double lastMillis() {
            return last;
        }

        /** @return CPU time of the training thread in the last epoch loop, ms */
        double lastCpuMillis() {
            return lastCpu;
        }
    }

    /** Counts the events passed on to the real publisher. */
    static final class CountingPublisher implements EventPublisher {
        private final EventPublisher delegate;
        private long count;

        CountingPublisher(EventPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public void publish(io.trainstream.trainer.event.TrainingEvent event) {
            count++;
            delegate.publish(event);
        }

        @Override
        public boolean flush(Duration timeout) {
            return delegate.flush(timeout);
        }

        long count() {
            return count;
        }
    }
}
