package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.schedule.LearningRate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7 item 7: the publisher's heap and backlog during a broker outage at full training speed. The
 * broker runs in its own JVM; while the benchmark MLP trains (every event published), the broker is
 * stopped for 60 s, then restarted, and training goes on until the backlog is delivered. Sampled every
 * 250 ms: heap used, the publisher's pending events, the outbox's size on disk (when the publisher has
 * an outbox: a {@code KafkaPublisherConfig.Builder} method whose name contains "outbox" and that takes a
 * path is called with a temporary directory). Live heap (after a full GC) is taken before the outage, at
 * its end and after the drain.
 */
final class MemorySection implements Suite.Section {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int beforeS = ctx.quick ? 8 : 15;
        int outageS = ctx.quick ? 20 : 60;
        int maxDrainS = 150;
        ctx.put("outage_s", outageS);
        ctx.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
        BrokerProcess broker = ctx.broker();
        Path outboxDir = Files.createTempDirectory("trainstream-bench-outbox");
        KafkaPublisherConfig.Builder builder = KafkaPublisherConfig.builder(broker.bootstrapServers())
                .optEventsTopic("bench.memory.events").optRunsTopic("bench.memory.runs");
        String outbox = configureOutbox(builder, outboxDir);
        ctx.put("outbox", outbox);
        ctx.log("outbox: %s", outbox);
        KafkaPublisherConfig config = builder.build();
        ctx.put("publisher_config", config.toString());
        List<Map<String, Object>> samples = new ArrayList<>();
        Map<String, Object> live = new LinkedHashMap<>();
        AtomicLong steps = new AtomicLong();
        Map<String, Double> stepsPerSecond = new LinkedHashMap<>();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(config);
                NDManager manager = NDManager.newBaseManager();
                Model model = BenchModel.mlp()) {
            Method outboxSize = outboxSizeMethod(publisher);
            long t0 = System.nanoTime();
            Phase phase = new Phase();
            Thread sampler = new Thread(() -> {
                while (!phase.done) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    DeliveryReport r = publisher.deliveryReport();
                    s.put("t_s", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
                    s.put("phase", phase.name);
                    s.put("heap_used_mb", Math.round(memory.getHeapMemoryUsage().getUsed() / 1e5) / 10.0);
                    s.put("pending", r.pending());
                    s.put("published", r.published());
                    s.put("delivered", r.delivered());
                    s.put("failed", r.failed());
                    s.put("outbox_bytes", dirSize(outboxDir));
                    if (outboxSize != null) {
                        s.put("outbox_size_method", invoke(outboxSize, publisher));
                    }
                    s.put("steps", steps.get());
                    synchronized (samples) {
                        samples.add(s);
                    }
                    Suite.sleep(250);
                }
            }, "bench-memory-sampler");
            sampler.setDaemon(true);
            Thread controller = new Thread(() -> {
                try {
                    Suite.sleep(beforeS * 1000L);
                    live.put("before_outage_mb", liveHeapMb());
                    stepsPerSecond.put("before", rate(steps, 3_000));
                    phase.name = "outage";
                    long outageStart = steps.get();
                    ctx.log("stopping the broker for %d s", outageS);
                    long stopStarted = System.nanoTime();
                    broker.stop();
                    long stopped = System.nanoTime();
                    Suite.sleep(Math.max(0, outageS * 1000L - (stopped - stopStarted) / 1_000_000));
                    stepsPerSecond.put("outage", (steps.get() - outageStart) / ((System.nanoTime() - stopStarted) / 1e9));
                    live.put("end_of_outage_mb", liveHeapMb());
                    live.put("pending_at_end_of_outage", publisher.deliveryReport().pending());
                    live.put("outbox_bytes_at_end_of_outage", dirSize(outboxDir));
                    phase.name = "restart";
                    ctx.log("restarting the broker");
                    long restart = System.nanoTime();
                    broker.start();
                    live.put("broker_restart_s", (System.nanoTime() - restart) / 1e9);
                    phase.name = "drain";
                    long drainStart = System.nanoTime();
                    long drainSteps = steps.get();
                    while (publisher.deliveryReport().pending() > 2_000
                            && System.nanoTime() - drainStart < maxDrainS * 1_000_000_000L) {
                        Suite.sleep(100);
                    }
                    live.put("drain_s_after_restart", (System.nanoTime() - drainStart) / 1e9);
                    stepsPerSecond.put("drain", (steps.get() - drainSteps) / ((System.nanoTime() - drainStart) / 1e9));
                    Suite.sleep(3_000);
                    live.put("after_drain_mb", liveHeapMb());
                } catch (Exception e) {
                    live.put("controller_error", e.toString());
                } finally {
                    phase.stop = true;
                }
            }, "bench-memory-controller");
            TrainerCallback stopper = new TrainerCallback() {
                @Override
                public void onTrainStepEnd(Trainer trainer, ai.djl.training.dataset.Batch batch,
                        io.trainstream.trainer.StepOutput output) {
                    steps.incrementAndGet();
                    if (phase.stop) {
                        throw new StopTrainingException("memory benchmark done");
                    }
                }
            };
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.of(stopper))) {
                trainer.publishTo(publisher);
                sampler.start();
                controller.start();
                trainer.train(BenchModel.data(manager, 250 * 64, 64),
                        TrainConfig.builder().numEpochs(1_000_000).perDeviceBatchSize(64).build());
            }
            phase.done = true;
            controller.join();
            DeliveryReport report = publisher.deliveryReport();
            ctx.put("delivery", report.message());
            ctx.put("all_delivered", report.allDelivered());
            ctx.put("failed", report.failed());
        }
        ctx.put("live_heap", live);
        ctx.put("steps_per_s", stepsPerSecond);
        long maxPending = 0;
        double maxHeap = 0;
        long maxOutbox = 0;
        synchronized (samples) {
            for (Map<String, Object> s : samples) {
                maxPending = Math.max(maxPending, (Long) s.get("pending"));
                maxHeap = Math.max(maxHeap, (Double) s.get("heap_used_mb"));
                maxOutbox = Math.max(maxOutbox, (Long) s.get("outbox_bytes"));
            }
            ctx.put("max_pending_events", maxPending);
            ctx.put("max_heap_used_mb", maxHeap);
            ctx.put("max_outbox_bytes", maxOutbox);
            ctx.put("samples", thin(samples, 400));
        }
        Samples pending = new Samples();
        pending.add(maxPending);
        ctx.row("broker outage " + outageS + " s: max pending events in the publisher", pending, null, "events",
                Double.NaN, null, null);
        Samples heap = new Samples();
        heap.add(((Number) live.getOrDefault("end_of_outage_mb", Double.NaN)).doubleValue());
        Samples heapBefore = new Samples();
        heapBefore.add(((Number) live.getOrDefault("before_outage_mb", Double.NaN)).doubleValue());
        ctx.row("live heap at end of outage ÷ before (after full GC)", heap, heapBefore, "MB",
                heap.median() / heapBefore.median(), null, null);
        Samples box = new Samples();
        box.add(maxOutbox);
        ctx.row("outbox size on disk, max (" + outbox + ")", box, null, "bytes", Double.NaN, null, null);
    }

    /** Set from the controller, read by the training thread and the sampler. */
    private static final class Phase {
        volatile String name = "before";
        volatile boolean stop;
        volatile boolean done;
    }

    private double liveHeapMb() {
        System.gc();
        return Math.round(memory.getHeapMemoryUsage().getUsed() / 1e5) / 10.0;
    }

    private static double rate(AtomicLong counter, long windowMs) {
        long before = counter.get();
        long start = System.nanoTime();
        Suite.sleep(windowMs);
        return (counter.get() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** Calls the first builder method named like *outbox* that takes a Path, File or String. */
    static String configureOutbox(KafkaPublisherConfig.Builder builder, Path dir) {
        for (Method m : KafkaPublisherConfig.Builder.class.getMethods()) {
            if (!m.getName().toLowerCase(java.util.Locale.ROOT).contains("outbox") || m.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = m.getParameterTypes()[0];
            try {
                if (type == Path.class) {
                    m.invoke(builder, dir);
                } else if (type == java.io.File.class) {
                    m.invoke(builder, dir.toFile());
                } else if (type == String.class) {
                    m.invoke(builder, dir.toString());
                } else {
                    continue;
                }
                return "KafkaPublisherConfig.Builder." + m.getName() + "(" + dir + ")";
            } catch (ReflectiveOperationException e) {
                return "outbox option " + m.getName() + " failed: " + e.getCause();
            }
        }
        return "none: KafkaPublisherConfig has no outbox option; measured the in-memory queue and the producer's buffer";
    }

    private static Method outboxSizeMethod(Object publisher) {
        for (Method m : publisher.getClass().getMethods()) {
            if (m.getName().toLowerCase(java.util.Locale.ROOT).contains("outbox") && m.getParameterCount() == 0) {
                return m;
            }
        }
        return null;
    }

    private static Object invoke(Method m, Object target) {
        try {
            Object value = m.invoke(target);
            return value instanceof Number || value == null ? value : String.valueOf(value);
        } catch (ReflectiveOperationException e) {
            return "error: " + e.getCause();
        }
    }

    private static long dirSize(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static List<Map<String, Object>> thin(List<Map<String, Object>> all, int max) {
        if (all.size() <= max) {
            return new ArrayList<>(all);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        double stride = (double) all.size() / max;
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) (i * stride)));
        }
        return out;
    }
}
