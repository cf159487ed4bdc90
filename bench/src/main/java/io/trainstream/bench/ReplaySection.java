package io.trainstream.bench;

import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.kafka.EventConverter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7 item 5 (and issue 5 item 6): one run of at least 1,000,000 events written to a one-partition
 * topic with a raw producer (the publisher's settings), then, alternating, events/s of
 * <ul>
 *   <li>the library replay path: {@link RecordedRuns#stream} (decode to typed events, one at a time) +
 *       {@link RunReplay} rebuilt event by event (what {@code trainstream replay} does, streaming);</li>
 *   <li>the streaming read alone: {@link RunLogReader#stream} + {@link HistoryRebuild} ({@link StreamingReplay});</li>
 *   <li>a streaming rebuild: a raw consumer, {@link EventCodec#decode}, {@link AvroEvents#fromAvro}, {@link HistoryRebuild};</li>
 *   <li>the consumer runtime: {@link ConsumerRunner} (group, decode, dedupe, commit) with a counting sink;</li>
 * </ul>
 * each ÷ Kafka's {@code ConsumerPerformance} reading the same topic on the same broker.
 */
final class ReplaySection implements Suite.Section {

    static final String TOPIC = "bench.replay.events";
    /** The fetch settings ConsumerRunner uses by default (ConsumerPerformance otherwise runs Kafka's defaults). */
    static final Map<String, String> SAME_FETCH = Map.of("max.partition.fetch.bytes", Integer.toString(4 << 20),
            "max.poll.records", "2000");

    @Override
    public void run(Suite.Context ctx) throws Exception {
        long count = ctx.quick ? 200_000 : 1_000_000;
        int reps = Integer.getInteger("bench.replay.reps", ctx.quick ? 2 : 3);
        String bootstrap = ctx.broker().bootstrapServers();
        EventMix mix = EventMix.capture();
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
        long n = produce(ctx, bootstrap, mix, runId, count);
        ctx.put("events", n);
        ctx.put("repetitions", reps);
        ctx.put("event_mix_per_epoch", mix.composition());
        RunSummary summary = RunSummary.newBuilder().setRunId(runId).setStatus(RunStatus.COMPLETED)
                .setKind(RunKind.TRAIN).setStartTime(Instant.now()).setHost("bench").setConfig(Map.of())
                .setEpochsCompleted(0).setGlobalStep(0).setEventsTopic(TOPIC).setPartition(0).setFirstOffset(0)
                .setLastOffset(n - 1).setLastSeq(n - 1).setUpdatedTime(Instant.now()).build();

        List<String> order = variants();
        Map<String, Samples> rates = new LinkedHashMap<>();
        Map<String, Samples> jvmCpu = new LinkedHashMap<>();
        Map<String, Samples> brokerCpu = new LinkedHashMap<>();
        for (String v : order) {
            rates.put(v, new Samples());
            jvmCpu.put(v, new Samples());
            brokerCpu.put(v, new Samples());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        long brokerPid = ctx.broker().pid();
        for (int rep = 0; rep < reps; rep++) {
            List<String> thisRep = new java.util.ArrayList<>(order);
            if (rep % 2 == 1) {
                java.util.Collections.reverse(thisRep);
            }
            for (String variant : thisRep) {
                System.gc();
                extra.put("load_" + variant + "_" + rep, Machine.loadAverages().get(0));
                long cpu0 = ProcStats.processCpuNanos(ProcessHandle.current().pid());
                long broker0 = ProcStats.processCpuNanos(brokerPid);
                double rate = switch (variant) {
                    case "consumer_performance" -> {
                        PerfTools.ConsumerResult r = PerfTools.consumer(bootstrap, TOPIC, n);
                        extra.put("consumer_performance_line_" + rep, r.line());
                        extra.put("consumer_performance_fetch_only_per_s_" + rep, r.fetchMessagesPerSec());
                        if (r.messages() != n) {
                            throw new IllegalStateException("ConsumerPerformance read " + r.messages() + " of " + n);
                        }
                        yield r.messagesPerSec();
                    }
                    case "consumer_performance_same_fetch" -> {
                        // the fetch settings the runner uses: is a gain ours, or only Kafka's defaults'?
                        PerfTools.ConsumerResult r = PerfTools.consumer(bootstrap, TOPIC, n, SAME_FETCH);
                        extra.put("consumer_performance_same_fetch_line_" + rep, r.line());
                        yield r.messagesPerSec();
                    }
                    case "library_replay" -> libraryReplay(KafkaReadSettings.of(bootstrap), summary, n, extra);
                    case "library_replay_one_thread" ->
                        libraryReplay(KafkaReadSettings.of(bootstrap).withReadAhead(false), summary, n, extra);
                    case "replay_streaming" -> StreamingReplay.rate(bootstrap, summary, n, extra);
                    case "stream_rebuild" -> streamRebuild(bootstrap, runId, n, extra);
                    // experiment: Kafka 4's consumer protocol (KIP-848), whose client fetches on a background thread
                    case "consumer_runner_kip848" -> consumerRunner(bootstrap, n, Map.of("group.protocol", "consumer"));
                    case "consumer_runner_decode_ahead" -> consumerRunner(bootstrap, n, Map.of(), true);
                    default -> consumerRunner(bootstrap, n, Map.of());
                };
                double jvmUs = (ProcStats.processCpuNanos(ProcessHandle.current().pid()) - cpu0) / 1e3 / n;
                double brokerUs = (ProcStats.processCpuNanos(brokerPid) - broker0) / 1e3 / n;
                rates.get(variant).add(rate);
                jvmCpu.get(variant).add(jvmUs);
                brokerCpu.get(variant).add(brokerUs);
                ctx.log("rep %d/%d %-22s %,.0f events/s, CPU per event: bench JVM %.2f us, broker %.2f us (load %.1f)",
                        rep + 1, reps, variant, rate, jvmUs, brokerUs, Machine.loadAverages().get(0));
            }
        }
        extra.forEach(ctx::put);
        Map<String, Object> stats = new LinkedHashMap<>();
        rates.forEach((k, v) -> stats.put(k, v.stats()));
        ctx.put("events_per_s", stats);
        Map<String, Object> cpu = new LinkedHashMap<>();
        jvmCpu.forEach((k, v) -> cpu.put(k, Map.of("bench_jvm_all_threads", v.stats(), "broker", brokerCpu.get(k).stats())));
        ctx.put("cpu_us_per_event", cpu);
        Samples base = rates.get("consumer_performance");
        if (order.contains("library_replay") || order.contains("replay_streaming")) {
            ctx.put("library_replay_heap_probe", StreamingReplay.heapProbe(bootstrap, summary, n));
        }
        for (String[] v : new String[][] {{"library_replay", "replay (the command's path): RecordedRuns.stream + RunReplay, streaming"},
            {"replay_streaming", "replay streaming: RunLogReader.stream (typed events) + HistoryRebuild"},
            {"stream_rebuild", "replay: raw consumer + decode + typed + HistoryRebuild (streaming)"},
            {"consumer_runner", "consumer runtime: ConsumerRunner, counting sink"},
            {"library_replay_one_thread", "replay (the command's path) without read-ahead (one thread)"},
            {"consumer_runner_decode_ahead", "consumer runtime: ConsumerRunner with decode-ahead (two threads)"}}) {
            Samples s = rates.get(v[0]);
            if (s == null || base == null) {
                continue;
            }
            ctx.row(v[1] + " ÷ ConsumerPerformance (" + n + " events)", s, base, "events/s", s.median() / base.median(),
                    Samples.pairedRatios(s, base), ">= 0.7");
        }
        Samples sameFetch = rates.get("consumer_performance_same_fetch");
        if (sameFetch != null && rates.containsKey("consumer_runner")) {
            Samples s = rates.get("consumer_runner");
            ctx.row("consumer runtime ÷ ConsumerPerformance with the runner's fetch settings (" + n + " events)", s,
                    sameFetch, "events/s", s.median() / sameFetch.median(), Samples.pairedRatios(s, sameFetch), null);
        }
    }

    /**
     * The variants to run, from {@code -Dbench.replay.variants=a,b} (default all): one variant alone gives
     * a JFR recording of that variant only.
     */
    /**
     * Variants run only when named: Kafka 4's consumer protocol, and the runner and the replay reader
     * with a second thread (decoding ahead, reading ahead; both off by default), to measure what it brings.
     */
    private static final List<String> ON_REQUEST = List.of("consumer_runner_kip848", "consumer_runner_decode_ahead",
            "library_replay_one_thread");

    private static List<String> variants() {
        List<String> all = List.of("consumer_performance", "consumer_performance_same_fetch", "library_replay",
                "replay_streaming", "stream_rebuild", "consumer_runner");
        String chosen = System.getProperty("bench.replay.variants", "");
        if (chosen.isBlank()) {
            return all;
        }
        List<String> picked = List.of(chosen.split(","));
        for (String v : picked) {
            if (!all.contains(v) && !ON_REQUEST.contains(v)) {
                throw new IllegalArgumentException("unknown replay variant " + v + "; known: " + all);
            }
        }
        return picked;
    }

    private static long produce(Suite.Context ctx, String bootstrap, EventMix mix, String runId, long count)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> props = new HashMap<>(ProducerSection.PRODUCER_SETTINGS);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        EventConverter converter = EventConverter.forLocalHost();
        EventMix.Run run = mix.run(runId, count);
        long start = System.nanoTime();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            while (run.hasNext()) {
                byte[] value = EventCodec.encode(converter.convert(run.next()));
                bytes += value.length;
                producer.send(new ProducerRecord<>(TOPIC, runId, value));
            }
            producer.flush();
        }
        ctx.log("produced %,d events (%.1f MB) in %.1f s", run.size(), bytes / 1e6, (System.nanoTime() - start) / 1e9);
        ctx.put("mean_value_bytes", (double) bytes / run.size());
        return run.size();
    }

    /**
     * The {@code replay} command's own path after its runs-index lookup: {@link RecordedRuns#stream} (the
     * run's range, decoded to typed events one at a time) into a {@link RunReplay} rebuilt event by event,
     * keeping none (the CLI's {@code RecordedRun.read} does exactly this, then prints from the replay).
     */
    private static double libraryReplay(KafkaReadSettings settings, RunSummary summary, long n, Map<String, Object> extra) {
        long start = System.nanoTime();
        RunReplay.Rebuild rebuild = RunReplay.rebuild();
        StreamedRun read = RecordedRuns.stream(settings, summary, rebuild);
        RunReplay replay = rebuild.result();
        long end = System.nanoTime();
        if (read.events() != n || replay.eventCount() != n) {
            throw new IllegalStateException("replay read " + read.events() + " and replayed " + replay.eventCount() + " of " + n);
        }
        extra.put("library_replay_heap_used_after_mb",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
        extra.put("library_replay_metrics", replay.history().metricNames().size());
        extra.put("library_replay_step_points_kept", replay.stepLosses().size());
        return n / ((end - start) / 1e9);
    }

    private static double streamRebuild(String bootstrap, String runId, long n, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long start = System.nanoTime();
        RunHistory rebuilt = new InMemoryRunHistory();
        long seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (seen < n) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key())) {
                        TrainerEvent event = EventCodec.decode(record.value());
                        AvroEvents.fromAvro(event).ifPresent(typed -> HistoryRebuild.apply(rebuilt, typed));
                    }
                    seen++;
                }
            }
        }
        extra.put("stream_rebuild_metrics", rebuilt.metricNames().size());
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double consumerRunner(String bootstrap, long n, Map<String, String> clientOverrides) throws Exception {
        return consumerRunner(bootstrap, n, clientOverrides, false);
    }

    private static double consumerRunner(String bootstrap, long n, Map<String, String> clientOverrides, boolean decodeAhead)
            throws Exception {
        CountingSink sink = new CountingSink(n);
        RunnerConfig config = RunnerConfig.builder(bootstrap).optTopic(TOPIC).optDeadLetterTopic(TOPIC + ".dlq")
                .optGroupPrefix("bench-" + UUID.randomUUID() + ".").addClientOverrides(clientOverrides)
                .optDecodeAhead(decodeAhead).build();
        long start = System.nanoTime();
        try (ConsumerRunner runner = new ConsumerRunner(sink, config).start()) {
            if (!sink.done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ConsumerRunner handled " + sink.handled.get() + " of " + n);
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            return rate;
        }
    }

    /** Counts; signals when every event was handled. */
    static final class CountingSink implements EventSink {
        final AtomicLong handled = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        private final long expected;

        CountingSink(long expected) {
            this.expected = expected;
        }

        @Override
        public String name() {
            return "bench-counting";
        }

        @Override
        public boolean supportsReplay() {
            return true;
        }

        @Override
        public void handle(ConsumedEvent event) {
            if (handled.incrementAndGet() == expected) {
                done.countDown();
            }
        }

        @Override
        public void flush() {
        }
    }
}
