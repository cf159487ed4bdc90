package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.schedule.LearningRate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 11 item 1, "cost per event": what publishing every event costs beyond the training thread, at
 * the rate training produces events (bench MLP, batch 64). For a long run (20 epochs in one
 * {@code train()} call) and for many short runs (20 one-epoch runs), ON and OFF alternate; per event,
 * ON minus OFF: CPU of every thread of this JVM except the training thread, and CPU of the broker
 * process (from /proc). Beside it, for the ON runs: wake-ups per second of the sender and the
 * producer's I/O thread (context switches from /proc), produce requests per second and records per
 * request (the producer's own metrics), outbox fsyncs per second.
 */
final class CostPerEventSection implements Suite.Section {

    private static final int EPOCHS = 20;

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int steps = ctx.quick ? 100 : OverheadSection.STEPS;
        int reps = ctx.quick ? 2 : 4;
        ctx.put("model", "MLP 64-64-64-10, batch 64, " + steps + " steps per epoch");
        ctx.put("repetitions", reps);
        BrokerProcess broker = ctx.broker();
        try (KafkaEventPublisher kafka = KafkaEventPublisher.open(KafkaPublisherConfig.builder(broker.bootstrapServers())
                .build()); NDManager manager = NDManager.newBaseManager(); Model model = BenchModel.mlp()) {
            ArrayDataset train = BenchModel.data(manager, steps * OverheadSection.BATCH, OverheadSection.BATCH);
            OverheadSection.Counting counting = new OverheadSection.Counting(kafka);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.of())) {
                ctx.log("warm-up");
                for (int i = 0; i < 6; i++) {
                    run(trainer, train, i % 2 == 0 ? EventPublisher.NONE : counting, 1, 1);
                }
                for (String shape : new String[] {"long", "short"}) {
                    Samples others = new Samples();
                    Samples brokerCpu = new Samples();
                    Map<String, Samples> rates = new LinkedHashMap<>();
                    for (int rep = 0; rep < reps; rep++) {
                        Measured on = null;
                        Measured off = null;
                        for (boolean publishing : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                            long events = counting.count;
                            Probe probe = Probe.start(broker.pid(), kafka);
                            if (shape.equals("long")) {
                                run(trainer, train, publishing ? counting : EventPublisher.NONE, EPOCHS, 1);
                            } else {
                                run(trainer, train, publishing ? counting : EventPublisher.NONE, 1, EPOCHS);
                            }
                            Measured measured = probe.stop(counting.count - events);
                            if (publishing) {
                                on = measured;
                            } else {
                                off = measured;
                            }
                        }
                        others.add((on.otherThreadsCpuNs() - off.otherThreadsCpuNs()) / 1e3 / on.events());
                        brokerCpu.add((on.brokerCpuNs() - off.brokerCpuNs()) / 1e3 / on.events());
                        on.rates().forEach((k, v) -> rates.computeIfAbsent(k, x -> new Samples()).add(v));
                        ctx.log("%s rep %d: %d events, other threads %.1f us/event, broker %.1f us/event, %s", shape, rep + 1,
                                on.events(), others.values().get(rep), brokerCpu.values().get(rep), on.rates());
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("trainer_jvm_other_threads_us_per_event", others.stats());
                    out.put("broker_us_per_event", brokerCpu.stats());
                    rates.forEach((k, v) -> out.put(k, v.stats()));
                    ctx.put(shape + "_runs", out);
                    ctx.row("cost per event (" + shape + " runs): trainer JVM, all threads but training, ON − OFF", others, null,
                            "µs CPU/event", others.median(), null, "<= 10");
                    ctx.row("cost per event (" + shape + " runs): broker process, ON − OFF", brokerCpu, null, "µs CPU/event",
                            brokerCpu.median(), null, "<= 5");
                }
                kafka.flush(java.time.Duration.ofSeconds(30));
                ctx.put("delivery", kafka.deliveryReport().message());
            }
        }
    }

    private static void run(Trainer trainer, ArrayDataset train, EventPublisher publisher, int epochs, int runs) {
        trainer.publishTo(publisher);
        for (int i = 0; i < runs; i++) {
            trainer.train(train, TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(OverheadSection.BATCH).build());
        }
    }

    /** What one measured stretch cost. */
    record Measured(long events, long otherThreadsCpuNs, long brokerCpuNs, Map<String, Double> rates) {
    }

    /** Counters read before and after a stretch: thread CPU, broker CPU, wake-ups, producer and outbox counters. */
    private record Probe(long startNanos, long otherCpu, long brokerCpu, long senderSwitches, long producerSwitches,
            double requests, long syncs, long brokerPid, KafkaEventPublisher kafka) {

        static Probe start(long brokerPid, KafkaEventPublisher kafka) {
            return new Probe(System.nanoTime(), ProcStats.otherThreadsCpuNanos(), ProcStats.processCpuNanos(brokerPid),
                    ProcStats.contextSwitches("trainstream-eve"), ProcStats.contextSwitches("kafka-producer-"),
                    kafka.producerMetric("request-total"), kafka.outboxSyncs(), brokerPid, kafka);
        }

        Measured stop(long events) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            Map<String, Double> rates = new LinkedHashMap<>();
            rates.put("sender_wakeups_per_s", (ProcStats.contextSwitches("trainstream-eve") - senderSwitches) / seconds);
            rates.put("producer_io_wakeups_per_s", (ProcStats.contextSwitches("kafka-producer-") - producerSwitches) / seconds);
            double produceRequests = kafka.producerMetric("request-total") - requests;
            rates.put("produce_requests_per_s", produceRequests / seconds);
            rates.put("records_per_request", produceRequests > 0 ? events / produceRequests : Double.NaN);
            rates.put("outbox_fsyncs_per_s", (kafka.outboxSyncs() - syncs) / seconds);
            rates.put("events_per_s", events / seconds);
            return new Measured(events, ProcStats.otherThreadsCpuNanos() - otherCpu,
                    ProcStats.processCpuNanos(brokerPid) - brokerCpu, rates);
        }
    }
}
