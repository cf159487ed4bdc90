package io.trainstream.bench;

import io.trainstream.consumers.dashboard.DashboardFeed;
import io.trainstream.consumers.dashboard.DashboardLatencyProbe;
import io.trainstream.consumers.dashboard.DashboardServer;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 7 item 6 (and issue 4 item 8): latency from an event raised (its envelope time, set when the
 * trainer records it) through the real {@link KafkaEventPublisher} to (a) a {@link ConsumerRunner}
 * sink's {@code handle} and (b) the dashboard's SSE stream as received by {@link DashboardLatencyProbe}
 * ({@link DashboardFeed} -> {@link DashboardState} -> {@link DashboardServer}). Events of the realistic
 * mix, paced at about 1,000 and 10,000 events/s; both consumers read at the same time. Millisecond
 * resolution (the envelope's time is in ms); one clock (one machine).
 */
final class LatencySection implements Suite.Section {

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int warmupS = ctx.quick ? 2 : 3;
        int measureS = ctx.quick ? 4 : 8;
        ctx.put("warmup_s", warmupS);
        ctx.put("measure_s", measureS);
        String bootstrap = ctx.broker().bootstrapServers();
        EventMix mix = EventMix.capture();
        KafkaPublisherConfig config = Suite.withBenchOverrides(KafkaPublisherConfig.builder(bootstrap)
                .optEventsTopic("bench.latency.events").optRunsTopic("bench.latency.runs")).build();
        LatencySink sink = new LatencySink();
        DashboardState state = new DashboardState();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(config);
                ConsumerRunner runner = new ConsumerRunner(sink, RunnerConfig.builder(bootstrap)
                        .optTopic(config.eventsTopic()).optDeadLetterTopic("bench.latency.dlq")
                        .optGroupPrefix("bench-" + UUID.randomUUID() + ".").build()).start();
                DashboardFeed feed = new DashboardFeed(state, bootstrap, config.eventsTopic(), Map.of()).start();
                DashboardServer server = DashboardServer.builder(state).optPort(0).build().start()) {
            Map<String, Object> results = new LinkedHashMap<>();
            for (int rate : new int[] {1_000, 10_000}) {
                String runId = "run-lat" + rate + "-" + UUID.randomUUID().toString().substring(0, 6);
                try (DashboardLatencyProbe probe = DashboardLatencyProbe.open(server.url(), runId)) {
                    EventMix.Run run = mix.run(runId, (long) rate * (warmupS + measureS + 2));
                    sink.watch(runId);
                    pace(publisher, run, rate, warmupS);
                    sink.reset();
                    probe.reset();
                    long measured = pace(publisher, run, rate, measureS);
                    long achieved = measured / measureS;
                    publisher.flush(Duration.ofSeconds(30));
                    sink.await(measured, Duration.ofSeconds(60));
                    probe.awaitItems((int) measured, Duration.ofSeconds(30));
                    Samples consumer = sink.samples();
                    DashboardLatencyProbe.Summary dash = probe.summary();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("target_events_per_s", rate);
                    m.put("achieved_events_per_s", achieved);
                    m.put("events_measured", measured);
                    m.put("consumer_handled", consumer.size());
                    m.put("consumer_p50_ms", consumer.quantile(0.5));
                    m.put("consumer_p99_ms", consumer.quantile(0.99));
                    m.put("consumer_max_ms", consumer.size() == 0 ? null : consumer.max());
                    m.put("dashboard_items", dash.items());
                    m.put("dashboard_p50_ms", dash.p50Ms());
                    m.put("dashboard_p99_ms", dash.p99Ms());
                    m.put("dashboard_max_ms", dash.maxMs());
                    m.put("dashboard_share_p50_ms", dash.dashboardP50Ms());
                    m.put("dashboard_share_p99_ms", dash.dashboardP99Ms());
                    results.put(String.valueOf(rate), m);
                    ctx.log("%d events/s (achieved %d): consumer p50 %.0f ms p99 %.0f ms (%d handled); dashboard %s",
                            rate, achieved, consumer.quantile(0.5), consumer.quantile(0.99), consumer.size(), dash);
                    Samples p = new Samples();
                    p.add(consumer.quantile(0.5));
                    Samples q = new Samples();
                    q.add(consumer.quantile(0.99));
                    ctx.row("latency emitted -> ConsumerRunner sink, p50 @ ~" + rate + "/s", p, null, "ms", Double.NaN,
                            null, null);
                    ctx.row("latency emitted -> ConsumerRunner sink, p99 @ ~" + rate + "/s", q, null, "ms", Double.NaN,
                            null, null);
                    Samples dp = new Samples();
                    dp.add(dash.p50Ms());
                    Samples dq = new Samples();
                    dq.add(dash.p99Ms());
                    ctx.row("latency emitted -> dashboard SSE received, p50 @ ~" + rate + "/s", dp, null, "ms",
                            Double.NaN, null, null);
                    ctx.row("latency emitted -> dashboard SSE received, p99 @ ~" + rate + "/s", dq, null, "ms",
                            Double.NaN, null, null);
                }
            }
            ctx.put("latency", results);
            ctx.put("delivery", publisher.deliveryReport().message());
            ctx.put("consumer_stats", runner.stats().toString());
        }
    }

    /**
     * Publishes {@code rate / 1000} events every millisecond for {@code seconds} (parking between ticks).
     *
     * @return events published
     */
    private static long pace(KafkaEventPublisher publisher, EventMix.Run run, int rate, int seconds) {
        int perTick = Math.max(1, rate / 1000);
        long ticks = seconds * 1000L;
        long start = System.nanoTime();
        long published = 0;
        for (long t = 0; t < ticks && run.hasNext(); t++) {
            for (int i = 0; i < perTick && run.hasNext(); i++) {
                publisher.publish(run.next());
                published++;
            }
            long wait = start + (t + 1) * 1_000_000L - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return published;
    }

    /** Records now - event time for the watched run's LIVE events. */
    static final class LatencySink implements EventSink {
        private final List<Double> latencies = new ArrayList<>();
        private volatile String runId;

        void watch(String id) {
            runId = id;
            reset();
        }

        synchronized void reset() {
            latencies.clear();
        }

        synchronized Samples samples() {
            Samples s = new Samples();
            latencies.forEach(s::add);
            return s;
        }

        synchronized void await(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (latencies.size() < count && System.nanoTime() < deadline) {
                wait(100);
            }
        }

        @Override
        public String name() {
            return "bench-latency";
        }

        @Override
        public boolean supportsReplay() {
            return true;
        }

        @Override
        public void handle(ConsumedEvent event) {
            long now = System.currentTimeMillis();
            if (!event.isReplay() && event.runId().equals(runId)) {
                synchronized (this) {
                    latencies.add((double) (now - event.event().timeMillis()));
                    notifyAll();
                }
            }
        }

        @Override
        public void flush() {
        }
    }
}
