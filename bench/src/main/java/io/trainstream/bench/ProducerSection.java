package io.trainstream.bench;

import io.trainstream.events.RunEvent;
import io.trainstream.trainer.kafka.DeliveryReport;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 7 item 4: events/s through {@link KafkaEventPublisher} (convert + enqueue on the caller, encode
 * + send on its sender thread, until every event is acknowledged: {@code flush}) ÷ Kafka's
 * {@code ProducerPerformance} with the same record size (the mean encoded size of our events) and the
 * publisher's producer settings, against the same broker, alternating.
 */
final class ProducerSection implements Suite.Section {

    /** The publisher's producer settings (ProducerSettings in the trainer module). */
    static final Map<String, String> PRODUCER_SETTINGS = Map.of("acks", "all", "enable.idempotence", "true",
            "linger.ms", "2", "batch.size", "131072", "compression.type", "lz4", "max.block.ms", "1000");

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int events = ctx.quick ? 100_000 : 300_000;
        int reps = ctx.quick ? 2 : 4;
        EventMix mix = EventMix.capture();
        ctx.put("event_mix_per_epoch", mix.composition());
        ctx.put("events_per_repetition", events);
        ctx.put("repetitions", reps);
        ctx.put("producer_settings", PRODUCER_SETTINGS);
        int recordSize = meanEncodedSize(mix);
        ctx.put("mean_encoded_value_bytes", recordSize);
        String bootstrap = ctx.broker().bootstrapServers();
        KafkaPublisherConfig config = Suite.withBenchOverrides(KafkaPublisherConfig.builder(bootstrap)
                .optEventsTopic("bench.producer.events").optRunsTopic("bench.producer.runs")).build();
        ctx.put("publisher_config", config.toString());
        // the tool writes to a topic made the same way (TopicSetup: same partitions and settings)
        KafkaPublisherConfig toolTopic = KafkaPublisherConfig.builder(bootstrap).optEventsTopic("bench.producer.perftool")
                .optRunsTopic("bench.producer.perftool.runs").build();
        io.trainstream.trainer.kafka.TopicSetup.ensureTopics(toolTopic, Duration.ofSeconds(30));
        Samples ours = new Samples();
        Samples tool = new Samples();
        List<String> toolLines = new ArrayList<>();
        // CPU per event beside the rates: on 2 cores a cheaper path leaves more of the machine to training
        Samples oursJvmCpu = new Samples();
        Samples toolJvmCpu = new Samples();
        Samples oursBrokerCpu = new Samples();
        Samples toolBrokerCpu = new Samples();
        long self = ProcessHandle.current().pid();
        long brokerPid = ctx.broker().pid();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(config)) {
            ctx.log("warm-up: 50k events each");
            publishRun(publisher, mix, "run-warmup", 50_000, config.queueCapacity());
            PerfTools.producer(bootstrap, toolTopic.eventsTopic(), 50_000, recordSize, PRODUCER_SETTINGS);
            for (int rep = 0; rep < reps; rep++) {
                for (boolean isOurs : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    long jvm0 = ProcStats.processCpuNanos(self);
                    long broker0 = ProcStats.processCpuNanos(brokerPid);
                    if (isOurs) {
                        ours.add(publishRun(publisher, mix, "run-producer-" + rep, events, config.queueCapacity()));
                    } else {
                        PerfTools.ProducerResult r = PerfTools.producer(bootstrap, toolTopic.eventsTopic(), events,
                                recordSize, PRODUCER_SETTINGS);
                        tool.add(r.recordsPerSec());
                        toolLines.add(r.line());
                    }
                    double jvmUs = (ProcStats.processCpuNanos(self) - jvm0) / 1e3 / events;
                    double brokerUs = (ProcStats.processCpuNanos(brokerPid) - broker0) / 1e3 / events;
                    (isOurs ? oursJvmCpu : toolJvmCpu).add(jvmUs);
                    (isOurs ? oursBrokerCpu : toolBrokerCpu).add(brokerUs);
                }
                ctx.log("rep %d/%d: publisher %.0f events/s, ProducerPerformance %.0f records/s", rep + 1, reps,
                        ours.values().get(rep), tool.values().get(rep));
            }
            DeliveryReport report = publisher.deliveryReport();
            ctx.put("delivery", report.message());
            ctx.put("all_delivered", report.allDelivered());
        }
        ctx.put("publisher_events_per_s", ours.stats());
        ctx.put("producer_performance_records_per_s", tool.stats());
        ctx.put("producer_performance_lines", toolLines);
        ctx.row("publisher throughput ÷ ProducerPerformance (same size " + recordSize + " B, same settings)", ours,
                tool, "events/s", ours.median() / tool.median(), Samples.pairedRatios(ours, tool), ">= 0.8");
        ctx.row("publisher ÷ ProducerPerformance: CPU of the bench JVM (all threads) per event", oursJvmCpu,
                toolJvmCpu, "µs CPU/event", oursJvmCpu.median() / toolJvmCpu.median(),
                Samples.pairedRatios(oursJvmCpu, toolJvmCpu), null);
        ctx.row("publisher ÷ ProducerPerformance: CPU of the broker process per event", oursBrokerCpu, toolBrokerCpu,
                "µs CPU/event", oursBrokerCpu.median() / toolBrokerCpu.median(),
                Samples.pairedRatios(oursBrokerCpu, toolBrokerCpu), null);
    }

    /** @return the mean Avro single-object encoded size of one epoch of the mix */
    static int meanEncodedSize(EventMix mix) {
        List<byte[]> values = mix.encoded("run-0123456789abc", mix.eventsPerEpoch() * 4L);
        return (int) Math.round(values.stream().mapToInt(v -> v.length).average().orElse(0));
    }

    /**
     * Publishes a run of {@code count} events as fast as the publisher takes them (never letting the
     * queue overflow: past 3/4 of its capacity pending, the caller parks 0.2 ms), then flushes.
     *
     * @return events per second, from the first publish to the flush returning
     */
    static double publishRun(KafkaEventPublisher publisher, EventMix mix, String runId, long count, int capacity) {
        EventMix.Run run = mix.run(runId, count);
        List<RunEvent> events = new ArrayList<>((int) run.size());
        while (run.hasNext()) {
            events.add(run.next());
        }
        long published0 = publisher.deliveryReport().published();
        long delivered0 = publisher.deliveryReport().delivered();
        long start = System.nanoTime();
        int i = 0;
        for (RunEvent event : events) {
            if ((++i & 1023) == 0) {
                while (true) {
                    DeliveryReport r = publisher.deliveryReport();
                    if (r.pending() < capacity * 3L / 4) {
                        break;
                    }
                    LockSupport.parkNanos(200_000);
                }
            }
            publisher.publish(event);
        }
        if (!publisher.flush(Duration.ofSeconds(120))) {
            throw new IllegalStateException("not delivered: " + publisher.deliveryReport().message());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DeliveryReport r = publisher.deliveryReport();
        if (r.published() - published0 != events.size() || r.delivered() - delivered0 != events.size()) {
            throw new IllegalStateException("expected " + events.size() + " delivered: " + r.message());
        }
        return events.size() / seconds;
    }

    static Map<String, Object> describe(PerfTools.ProducerResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records_per_s", r.recordsPerSec());
        m.put("line", r.line());
        return m;
    }
}
