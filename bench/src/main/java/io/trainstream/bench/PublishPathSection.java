package io.trainstream.bench;

import io.trainstream.events.RunEvent;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.EventConverter;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 7 item 2, second half: the publishing work on the training thread, in ns per event. JMH
 * ({@link PublishPathJmh}, one fork) for the conversion and the sender's encoding; and a manual loop
 * of the real {@code KafkaEventPublisher.publish()} against the broker: bursts of 20,000 events (well
 * below the queue's 65,536), each timed on the calling thread, then flushed, alternating with bursts
 * that only convert.
 */
final class PublishPathSection implements Suite.Section {

    static final int BURST = 20_000;

    @Override
    public void run(Suite.Context ctx) throws Exception {
        jmh(ctx);
        manualLoop(ctx);
    }

    private void jmh(Suite.Context ctx) throws Exception {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
        for (String key : List.of("ai.djl.offline", "DJL_CACHE_DIR", "org.apache.avro.SERIALIZABLE_PACKAGES")) {
            if (System.getProperty(key) != null) {
                jvmArgs.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        Options options = new OptionsBuilder().include(PublishPathJmh.class.getName())
                .forks(1).warmupIterations(ctx.quick ? 2 : 4).warmupTime(TimeValue.seconds(1))
                .measurementIterations(ctx.quick ? 3 : 6).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new)).build();
        ctx.log("JMH: %s", PublishPathJmh.class.getSimpleName());
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Samples> medians = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            var stats = result.getPrimaryResult().getStatistics();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("score_ns", result.getPrimaryResult().getScore());
            m.put("error_ns_99.9", result.getPrimaryResult().getScoreError());
            m.put("min_ns", stats.getMin());
            m.put("median_ns", stats.getPercentile(50));
            m.put("max_ns", stats.getPercentile(100));
            out.put(name, m);
            Samples one = new Samples();
            one.add(stats.getPercentile(50));
            medians.put(name, one);
            ctx.row("JMH " + name + " (ns/event, median of iterations; min " + String.format("%.0f", stats.getMin())
                    + ", max " + String.format("%.0f", stats.getMax()) + ")", one, null, "ns", Double.NaN, null, null);
        }
        ctx.put("jmh", out);
        for (String[] pair : new String[][] {{"encodeMix", "encodeMixAvroWriter", "writer"},
                {"decodeMix", "decodeMixAvroReader", "reader"}}) {
            Samples ours = medians.get(pair[0]);
            Samples avro = medians.get(pair[1]);
            if (ours != null && avro != null) {
                ctx.row("JMH " + pair[0] + " ÷ the same with Avro's generic " + pair[2] + " for the envelope (same run)",
                        ours, avro, "ns", ours.median() / avro.median(), null, null);
            }
        }
    }

    private void manualLoop(Suite.Context ctx) throws Exception {
        int bursts = ctx.quick ? 6 : 12;
        EventMix mix = EventMix.capture();
        ctx.put("event_mix_per_epoch", mix.composition());
        EventConverter converter = new EventConverter("bench-host");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String bootstrap = ctx.broker().bootstrapServers();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(KafkaPublisherConfig.builder(bootstrap)
                .optEventsTopic("bench.publishpath").optRunsTopic("bench.publishpath.runs").build())) {
            Samples publishNs = new Samples();
            Samples publishCpuNs = new Samples();
            Samples convertNs = new Samples();
            Object sink = null;
            for (int b = -3; b < bursts; b++) {
                List<RunEvent> events = burst(mix, "run-pp-" + (b + 3));
                // convert only
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (RunEvent e : events) {
                    sink = converter.convert(e);
                }
                long convert = System.nanoTime() - start;
                // the real publish()
                cpu = threads.getCurrentThreadCpuTime();
                start = System.nanoTime();
                for (RunEvent e : events) {
                    publisher.publish(e);
                }
                long publish = System.nanoTime() - start;
                long publishCpu = threads.getCurrentThreadCpuTime() - cpu;
                if (!publisher.flush(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("publisher did not deliver: " + publisher.deliveryReport().message());
                }
                if (b >= 0) {
                    publishNs.add((double) publish / events.size());
                    publishCpuNs.add((double) publishCpu / events.size());
                    convertNs.add((double) convert / events.size());
                    ctx.log("burst %d/%d: publish %.0f ns/event (cpu %.0f), convert only %.0f ns/event", b + 1, bursts,
                            publishNs.values().get(b), publishCpuNs.values().get(b), convertNs.values().get(b));
                }
            }
            ctx.put("sink_hash", sink == null ? 0 : sink.hashCode() & 1);
            DeliveryReport report = publisher.deliveryReport();
            ctx.put("delivery", report.message());
            ctx.put("burst_events", BURST);
            ctx.row("publish() on the calling thread, wall (manual loop, bursts of 20k to the broker)", publishNs,
                    convertNs, "ns/event", publishNs.median() / convertNs.median(),
                    Samples.pairedRatios(publishNs, convertNs), null);
            ctx.row("publish() on the calling thread, thread CPU", publishCpuNs, null, "ns/event", Double.NaN, null,
                    null);
        }
    }

    private static List<RunEvent> burst(EventMix mix, String runId) {
        EventMix.Run run = mix.run(runId, BURST);
        List<RunEvent> events = new ArrayList<>(BURST);
        while (run.hasNext()) {
            events.add(run.next());
        }
        return events;
    }
}
