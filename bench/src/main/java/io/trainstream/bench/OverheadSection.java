package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.schedule.LearningRate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Issue 7 item 2: epoch time with every event published to Kafka (per-step events included) ÷ the
 * same epoch without a publisher ({@link EventPublisher#NONE}). MLP 64-64-64-10, batch 64, 250 steps
 * per epoch (short steps: the worst case); section "overhead-10ms": MLP 64-1024-1024-10, ~10 ms steps,
 * 60 per epoch (issue 11's second model). One epoch is one {@code train()} call; after a warm-up of
 * at least 1500 steps, ON and OFF epochs alternate (order swapped every repetition).
 */
final class OverheadSection implements Suite.Section {

    static final int BATCH = 64;
    static final int STEPS = 250;
    /** Hidden units of the "~10 ms step" model (issue 11: ≤ 1.02 there). */
    static final int WIDE_HIDDEN = 1024;

    private final int hidden;
    private final int steps;
    private final String target;

    /** The bench MLP (64 hidden units, ~1.3 ms steps), 250 steps per epoch, target ≤ 1.03. */
    OverheadSection() {
        this(64, STEPS, "<= 1.03");
    }

    /**
     * @param hidden units of the two hidden layers (1024: ~10 ms steps on this machine at one PyTorch thread)
     * @param steps steps per epoch
     * @param target the ON ÷ OFF target, e.g. {@code "<= 1.02"}
     */
    OverheadSection(int hidden, int steps, String target) {
        this.hidden = hidden;
        this.steps = steps;
        this.target = target;
    }

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int warmupSteps = (ctx.quick ? 1000 : 1500) * 64 / hidden;
        // 20 pairs: with 8, three full runs of the same code gave medians of 1.000-1.108 (issue 11 session 5),
        // around the 1.05 target; system property bench.overhead.reps
        int reps = ctx.quick ? 5 : Integer.getInteger("bench.overhead.reps", 20);
        ctx.put("model", "MLP 64-" + hidden + "-" + hidden + "-10 (ReLU), Adam lr 0.001, generated 10-class data");
        ctx.put("batch", BATCH);
        ctx.put("steps_per_epoch", steps);
        ctx.put("warmup_steps", warmupSteps);
        ctx.put("repetitions", reps);
        ctx.put("djl", Machine.djl());
        ctx.put("pytorch_intra_op_threads", System.getProperty("ai.djl.pytorch.num_threads", "DJL default (cores)"));
        String bootstrap = ctx.broker().bootstrapServers();
        try (KafkaEventPublisher kafka = KafkaEventPublisher.open(KafkaPublisherConfig.builder(bootstrap).build());
                NDManager manager = NDManager.newBaseManager();
                Model model = BenchModel.mlp(hidden)) {
            ctx.put("publisher_config", kafka.config().toString());
            ArrayDataset train = BenchModel.data(manager, steps * BATCH, BATCH);
            EpochTimer timer = new EpochTimer();
            Counting counting = new Counting(kafka);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.of(timer))) {
                ctx.log("warm-up: %d steps, publishing off and on alternately", warmupSteps);
                for (int done = 0, i = 0; done < warmupSteps; done += steps, i++) {
                    epoch(trainer, train, i % 2 == 0 ? EventPublisher.NONE : counting);
                }
                Samples onLoop = new Samples();
                Samples offLoop = new Samples();
                Samples onCall = new Samples();
                Samples offCall = new Samples();
                Samples onCpu = new Samples();
                Samples offCpu = new Samples();
                Samples eventsPerEpoch = new Samples();
                for (int rep = 0; rep < reps; rep++) {
                    for (boolean on : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        long before = counting.count;
                        double call = epoch(trainer, train, on ? counting : EventPublisher.NONE);
                        (on ? onCall : offCall).add(call);
                        (on ? onLoop : offLoop).add(timer.wallMs);
                        (on ? onCpu : offCpu).add(timer.cpuMs);
                        if (on) {
                            eventsPerEpoch.add(counting.count - before);
                        }
                    }
                    ctx.log("rep %d/%d: loop on %.1f ms, off %.1f ms; training-thread cpu on %.1f, off %.1f", rep + 1,
                            reps, onLoop.values().get(rep), offLoop.values().get(rep), onCpu.values().get(rep),
                            offCpu.values().get(rep));
                }
                kafka.flush(Duration.ofSeconds(30));
                DeliveryReport report = kafka.deliveryReport();
                ctx.put("epoch_loop_ms", java.util.Map.of("on", onLoop.stats(), "off", offLoop.stats()));
                ctx.put("train_call_ms", java.util.Map.of("on", onCall.stats(), "off", offCall.stats()));
                ctx.put("training_thread_cpu_ms", java.util.Map.of("on", onCpu.stats(), "off", offCpu.stats()));
                ctx.put("events_per_epoch", eventsPerEpoch.median());
                ctx.put("step_ms_off_median", offLoop.median() / steps);
                ctx.put("delivery", report.message());
                ctx.put("all_delivered", report.allDelivered());
                Samples cpuPerEvent = new Samples();
                for (int i = 0; i < reps; i++) {
                    cpuPerEvent.add((onCpu.values().get(i) - offCpu.values().get(i)) * 1e6 / eventsPerEpoch.median());
                }
                ctx.put("training_thread_cpu_ns_per_event_in_situ", cpuPerEvent.stats());
                ctx.row("epoch time, publishing ON ÷ OFF (wall, epoch loop)", onLoop, offLoop, "ms",
                        onLoop.median() / offLoop.median(), Samples.pairedRatios(onLoop, offLoop), target);
                ctx.row("epoch time ON ÷ OFF (training-thread CPU)", onCpu, offCpu, "ms",
                        onCpu.median() / offCpu.median(), Samples.pairedRatios(onCpu, offCpu), target);
                ctx.row("train() call incl. run-end flush, ON ÷ OFF (wall)", onCall, offCall, "ms",
                        onCall.median() / offCall.median(), Samples.pairedRatios(onCall, offCall), null);
            }
        }
    }

    /** @return wall ms of one one-epoch {@code train()} call */
    private static double epoch(Trainer trainer, ArrayDataset train, EventPublisher publisher) {
        trainer.publishTo(publisher);
        long start = System.nanoTime();
        trainer.train(train, TrainConfig.builder().numEpochs(1).perDeviceBatchSize(BATCH).build());
        return (System.nanoTime() - start) / 1e6;
    }

    /** Times the epoch loop, train_epoch_start to train_epoch_end: wall and training-thread CPU. */
    static final class EpochTimer implements TrainerCallback {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long start;
        private long cpuStart;
        double wallMs;
        double cpuMs;

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            wallMs = (System.nanoTime() - start) / 1e6;
            cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
    }

    /** Counts the events handed to the real publisher. */
    static final class Counting implements EventPublisher {
        private final EventPublisher delegate;
        long count;

        Counting(EventPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public void publish(RunEvent event) {
            count++;
            delegate.publish(event);
        }

        @Override
        public boolean flush(Duration timeout) {
            return delegate.flush(timeout);
        }
    }
}
