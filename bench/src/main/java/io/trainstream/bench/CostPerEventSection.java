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
    /** One-epoch runs before the measured ones, OFF and ON alternating: the ON ones are reported as the cold cost. */
    private static final int WARMUP_RUNS = 10;
    /** Events published at full speed after the cold warm-up (system property bench.costperevent.burst; 0: none). */
    private static final long BURST_EVENTS = Long.getLong("bench.costperevent.burst", 400_000);
    /** The burst is published in chunks of at most this many events, each flushed before the next. */
    private static final long BURST_CHUNK = 2_000_000;
    /**
     * Small flushed produce requests after the burst, warming the per-request code the burst hardly runs
     * ({@link RequestWarmup}; system property bench.costperevent.requests; 0: none). 40,000: code run once
     * per request meets C2's thresholds (Tier4CompileThreshold 15,000) with room; after 15,000 the broker still
     * compiled its network and produce-response code at C2 in the first measured long runs (JFR).
     */
    private static final int WARMUP_REQUESTS = Integer.getInteger("bench.costperevent.requests", 40_000);

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int steps = ctx.quick ? 100 : OverheadSection.STEPS;
        // 6: a C2 compile of the training code landing in one ON or OFF stretch moves a pair by tens of µs/event
        int reps = ctx.quick ? 2 : 6;
        ctx.put("model", "MLP 64-64-64-10, batch 64, " + steps + " steps per epoch");
        ctx.put("repetitions", reps);
        BrokerProcess broker = ctx.broker();
        try (KafkaEventPublisher kafka = KafkaEventPublisher.open(Suite.withBenchOverrides(
                KafkaPublisherConfig.builder(broker.bootstrapServers())).build()); NDManager manager = NDManager.newBaseManager(); Model model = BenchModel.mlp()) {
            ArrayDataset train = BenchModel.data(manager, steps * OverheadSection.BATCH, OverheadSection.BATCH);
            OverheadSection.Counting counting = new OverheadSection.Counting(kafka);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.of())) {
                ThreadGroupCpu self = ThreadGroupCpu.self().names();
                ThreadGroupCpu brokerThreads = new ThreadGroupCpu(broker.pid(), -1).names();
                ctx.log("warm-up (cold: the first publishing epochs after the publisher opened)");
                GroupSums coldOn = new GroupSums();
                GroupSums coldOff = new GroupSums();
                long coldEvents = 0;
                for (int i = 0; i < WARMUP_RUNS; i++) {
                    boolean publishing = i % 2 == 1;
                    long events = counting.count;
                    Map<String, Long> s0 = self.sample();
                    Map<String, Long> b0 = brokerThreads.sample();
                    run(trainer, train, publishing ? counting : EventPublisher.NONE, 1, 1);
                    (publishing ? coldOn : coldOff).add(ThreadGroupCpu.minus(self.sample(), s0),
                            ThreadGroupCpu.minus(brokerThreads.sample(), b0));
                    coldEvents += counting.count - events;
                }
                ctx.put("cold_first_publishing_epochs", WARMUP_RUNS / 2);
                ctx.put("cold_events", coldEvents);
                ctx.put("cold_us_per_event_by_thread_group", coldOn.minusPerEvent(coldOff, coldEvents));
                ctx.log("cold, ON - OFF per event: %s", coldOn.minusPerEvent(coldOff, coldEvents));
                if (BURST_EVENTS > 0) {
                    // the publish path runs ~50 produce requests a second at the MLP's rate: its code reaches the
                    // JIT's C2 thresholds only after minutes. A burst gets the trainer's and the broker's code
                    // compiled, so the measured runs show the steady state of a process publishing for minutes
                    ctx.log("burst warm-up: %d events as fast as the publisher takes them", BURST_EVENTS);
                    // in chunks, each flushed: a multi-million burst published at once outgrows the heap (pending events)
                    for (long done = 0; done < BURST_EVENTS; done += BURST_CHUNK) {
                        ProducerSection.publishRun(kafka, EventMix.capture(), "run-burst-warmup-" + done,
                                Math.min(BURST_CHUNK, BURST_EVENTS - done), 65_536);
                        kafka.flush(java.time.Duration.ofMinutes(2));
                    }
                }
                if (WARMUP_REQUESTS > 0) {
                    ctx.log("request warm-up: %d flushed produce requests of 40 events", WARMUP_REQUESTS);
                    Map<String, Object> done = RequestWarmup.run(broker.bootstrapServers(), EventMix.capture(), WARMUP_REQUESTS, 40);
                    // the warm-up leaves the JIT queues of both JVMs full: let them drain before measuring
                    double settled = settleJit(self, brokerThreads);
                    done.put("jit_settle_seconds", settled);
                    ctx.put("request_warmup", done);
                    ctx.log("request warm-up: %s", done);
                }
                if (BURST_EVENTS > 0 || WARMUP_REQUESTS > 0) {
                    for (int i = 0; i < 4; i++) {
                        run(trainer, train, i % 2 == 0 ? EventPublisher.NONE : counting, 1, 1);
                    }
                }
                ctx.put("burst_warmup_events", BURST_EVENTS);
                // threads started during the warm-up (the producer's I/O thread, the broker's handlers) get their full names
                self.names();
                brokerThreads.names();
                for (String shape : new String[] {"long", "short"}) {
                    Samples others = new Samples();
                    Samples brokerCpu = new Samples();
                    Samples othersJit = new Samples();
                    Samples brokerJit = new Samples();
                    Map<String, Samples> rates = new LinkedHashMap<>();
                    Map<String, Samples> groups = new java.util.TreeMap<>();
                    Map<String, Samples> runsPerRequest = new java.util.TreeMap<>();
                    Map<String, Samples> cpuPerRequest = new java.util.TreeMap<>();
                    for (int rep = 0; rep < reps; rep++) {
                        Measured on = null;
                        Measured off = null;
                        GroupSums onGroups = null;
                        GroupSums offGroups = null;
                        for (boolean publishing : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                            long events = counting.count;
                            Map<String, Long> s0 = self.sample();
                            Map<String, Long> b0 = brokerThreads.sample();
                            Map<String, Long> sr0 = self.sampleRuns();
                            Map<String, Long> br0 = brokerThreads.sampleRuns();
                            Probe probe = Probe.start(broker.pid(), kafka);
                            if (shape.equals("long")) {
                                run(trainer, train, publishing ? counting : EventPublisher.NONE, EPOCHS, 1);
                            } else {
                                run(trainer, train, publishing ? counting : EventPublisher.NONE, 1, EPOCHS);
                            }
                            Measured measured = probe.stop(counting.count - events);
                            if (publishing) {
                                // per produce request, ON only: how often each group's threads got a CPU, and their CPU
                                double requests = measured.events() / measured.rates().get("records_per_request");
                                GroupSums runs = new GroupSums();
                                runs.add(ThreadGroupCpu.minus(self.sampleRuns(), sr0), ThreadGroupCpu.minus(brokerThreads.sampleRuns(), br0));
                                runs.perRequest(requests, 1).forEach((k, v) -> runsPerRequest.computeIfAbsent(k, x -> new Samples()).add(v));
                                GroupSums cpu = new GroupSums();
                                cpu.add(ThreadGroupCpu.minus(self.sample(), s0), ThreadGroupCpu.minus(brokerThreads.sample(), b0));
                                cpu.perRequest(requests, 1e3).forEach((k, v) -> cpuPerRequest.computeIfAbsent(k, x -> new Samples()).add(v));
                            }
                            GroupSums sums = new GroupSums();
                            sums.add(ThreadGroupCpu.minus(self.sample(), s0), ThreadGroupCpu.minus(brokerThreads.sample(), b0));
                            if (publishing) {
                                onGroups = sums;
                            } else {
                                offGroups = sums;
                            }
                            if (publishing) {
                                on = measured;
                            } else {
                                off = measured;
                            }
                        }
                        others.add((on.otherThreadsCpuNs() - off.otherThreadsCpuNs()) / 1e3 / on.events());
                        brokerCpu.add((on.brokerCpuNs() - off.brokerCpuNs()) / 1e3 / on.events());
                        on.rates().forEach((k, v) -> rates.computeIfAbsent(k, x -> new Samples()).add(v));
                        Map<String, Double> byGroup = onGroups.minusPerEvent(offGroups, on.events());
                        byGroup.forEach((k, v) -> groups.computeIfAbsent(k, x -> new Samples()).add(v));
                        othersJit.add(byGroup.getOrDefault("trainer:jit-compiler", 0.0));
                        brokerJit.add(byGroup.getOrDefault("broker:jit-compiler", 0.0));
                        ctx.log("%s rep %d by thread group, ON - OFF us/event: %s", shape, rep + 1, byGroup);
                        ctx.log("%s rep %d: %d events, other threads %.1f us/event, broker %.1f us/event, %s", shape, rep + 1,
                                on.events(), others.values().get(rep), brokerCpu.values().get(rep), on.rates());
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("trainer_jvm_other_threads_us_per_event", others.stats());
                    out.put("broker_us_per_event", brokerCpu.stats());
                    rates.forEach((k, v) -> out.put(k, v.stats()));
                    Map<String, Object> groupStats = new LinkedHashMap<>();
                    groups.forEach((k, v) -> groupStats.put(k, v.stats()));
                    out.put("steady_us_per_event_by_thread_group", groupStats);
                    Map<String, Object> runsStats = new LinkedHashMap<>();
                    runsPerRequest.forEach((k, v) -> runsStats.put(k, v.stats()));
                    out.put("on_cpu_runs_per_produce_request_by_thread_group", runsStats);
                    Map<String, Object> cpuStats = new LinkedHashMap<>();
                    cpuPerRequest.forEach((k, v) -> cpuStats.put(k, v.stats()));
                    out.put("on_us_cpu_per_produce_request_by_thread_group", cpuStats);
                    ctx.log("%s ON, per produce request: CPU runs (wake-ups) %s; us CPU %s", shape, runsStats, cpuStats);
                    ctx.put(shape + "_runs", out);
                    ctx.row("cost per event (" + shape + " runs): trainer JVM, all threads but training, ON − OFF", others, null,
                            "µs CPU/event", others.median(), null, "<= 10");
                    ctx.row("cost per event (" + shape + " runs): broker process, ON − OFF", brokerCpu, null, "µs CPU/event",
                            brokerCpu.median(), null, "<= 5");
                    // the JIT's share apart: it is the noisiest part (compiles of the training code land in ON or
                    // OFF stretches at random) and the one that fades as a process keeps publishing
                    ctx.row("cost per event (" + shape + " runs): trainer JVM, of which JIT threads", othersJit, null,
                            "µs CPU/event", othersJit.median(), null, null);
                    ctx.row("cost per event (" + shape + " runs): broker process, of which JIT threads", brokerJit, null,
                            "µs CPU/event", brokerJit.median(), null, null);
                }
                kafka.flush(java.time.Duration.ofSeconds(30));
                ctx.put("delivery", kafka.deliveryReport().message());
            }
        }
    }

    /**
     * Waits until the JIT threads of both JVMs used under 2% of a core over a second, at most 30 s.
     *
     * @return seconds waited
     */
    private static double settleJit(ThreadGroupCpu self, ThreadGroupCpu broker) throws InterruptedException {
        long start = System.nanoTime();
        long before = jitNanos(self) + jitNanos(broker);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1_000);
            long now = jitNanos(self) + jitNanos(broker);
            if (now - before < 20_000_000L) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long jitNanos(ThreadGroupCpu threads) {
        return threads.sample().getOrDefault("jit-compiler", 0L);
    }

    private static void run(Trainer trainer, ArrayDataset train, EventPublisher publisher, int epochs, int runs) {
        trainer.publishTo(publisher);
        for (int i = 0; i < runs; i++) {
            trainer.train(train, TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(OverheadSection.BATCH).build());
        }
    }

    /** CPU per thread group of this JVM ("trainer:" groups) and of the broker ("broker:" groups), summed over stretches. */
    private static final class GroupSums {
        private final Map<String, Long> ns = new java.util.TreeMap<>();

        void add(Map<String, Long> trainer, Map<String, Long> broker) {
            trainer.forEach((k, v) -> ns.merge("trainer:" + k, v, Long::sum));
            broker.forEach((k, v) -> ns.merge("broker:" + k, v, Long::sum));
        }

        /** @return (this − off) / events in µs per group, groups under 0.05 µs left out */
        Map<String, Double> minusPerEvent(GroupSums off, long events) {
            Map<String, Double> out = new LinkedHashMap<>();
            ThreadGroupCpu.minus(ns, off.ns).forEach((k, v) -> {
                double us = Math.round(v / 1e3 / Math.max(1, events) * 10) / 10.0;
                if (Math.abs(us) >= 0.05) {
                    out.put(k, us);
                }
            });
            return out;
        }

        /** @return this / requests / unit per group (ON only, not a difference), groups under 0.05 left out */
        Map<String, Double> perRequest(double requests, double unit) {
            Map<String, Double> out = new LinkedHashMap<>();
            ns.forEach((k, v) -> {
                double per = Math.round(v / unit / Math.max(1, requests) * 100) / 100.0;
                if (Math.abs(per) >= 0.05) {
                    out.put(k, per);
                }
            });
            return out;
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
