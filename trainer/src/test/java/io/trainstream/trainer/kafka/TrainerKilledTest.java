package io.trainstream.trainer.kafka;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.outbox.Outbox;
import io.trainstream.trainer.outbox.OutboxCursor;
import io.trainstream.trainer.outbox.OutboxEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (b): a trainer process is killed with SIGKILL in the middle of a run. A new publisher on the
 * same outbox directory delivers what the dead one left in its outbox, and the runs index marks the
 * run CRASHED. On the topic the run's events are seq 0..k without a gap, where k is the last event
 * the dead process had written to its outbox or to Kafka; nothing after k exists anywhere.
 */
class TrainerKilledTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @BeforeAll
    static void guardAgainstBrokerHalts() {
        KafkaHaltGuard.install();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theNextPublisherDrainsTheOutboxOfAKilledTrainerAndMarksItsRunCrashed(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            Path outboxDir = dir.resolve("outbox");
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                    .optOutboxDir(outboxDir).optFlushTimeout(Duration.ofSeconds(5)).build();
            TopicSetup.ensureTopics(config, Duration.ofSeconds(20));

            Process child = startChild(broker.bootstrapServers(), outboxDir);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = pipe(child, lines);
            String runId;
            try {
                runId = awaitLine(lines, "RUN ", child).substring(4);
                awaitLine(lines, "EPOCH 3", child);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the killed trainer exited").isTrue();
                reader.join(5_000);
            }
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            TreeSet<Long> onTopicBefore = seqs(TopicReader.readAll(broker.bootstrapServers(), config.eventsTopic()), runId);
            long leftovers;
            long lastInOutbox = -1;
            try (Outbox left = Outbox.open(config.outbox(), LogIdentity.resolve(config, Duration.ofSeconds(10)).key());
                 OutboxCursor cursor = left.cursor(left.recoveredStart())) {
                leftovers = left.leftovers();
                OutboxEntry entry;
                while ((entry = cursor.next()) != null) {
                    if (entry.runId().equals(runId)) {
                        lastInOutbox = Math.max(lastInOutbox, entry.seq());
                    }
                }
            }
            long k = Math.max(lastInOutbox, onTopicBefore.isEmpty() ? -1 : onTopicBefore.last());
            assertThat(k).as("the child published events before it was killed").isPositive();

            DeliveryReport report;
            try (KafkaEventPublisher next = new KafkaEventPublisher(config)) {
                assertThat(next.flush(WAIT)).as("the next publisher drains the leftovers: "
                        + next.deliveryReport().message()).isTrue();
                report = next.deliveryReport();
            }
            assertThat(report.recovered()).isEqualTo(leftovers);

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.bootstrapServers(),
                    config.eventsTopic());
            TreeSet<Long> after = seqs(records, runId);
            LogCheck log = LogCheck.of(records);
            assertThat(after.first()).isZero();
            assertThat(after.last()).as("nothing beyond what the child had written").isEqualTo(k);
            assertThat(after).as("seq 0.." + k + " without a gap").hasSize((int) k + 1);
            assertThat(log.outOfOrder()).as("first occurrences out of seq order").isZero();

            RunSummary last = lastSummary(broker.bootstrapServers(), config.runsTopic(), runId);
            assertThat(last.getStatus()).isEqualTo(RunStatus.CRASHED);
            // the runs index knows what this process saw acknowledged: at least the leftovers it delivered.
            // Events the dead process had sent and Kafka acknowledged after its last run-file checkpoint
            // are on the topic but not counted there (a lag of at most one sync interval, see RELIABILITY.md)
            assertThat(last.getLastSeq()).isBetween(Math.min(lastInOutbox, k), k);

            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("published_by_child", k + 1);
            numbers.put("on_topic_at_kill", onTopicBefore.size());
            numbers.put("left_in_outbox", leftovers);
            numbers.put("delivered_distinct", after.size());
            numbers.put("lost", k + 1 - after.size());
            numbers.put("duplicates_on_topic", log.duplicates());
            numbers.put("run_status", last.getStatus().toString());
            numbers.put("runs_index_last_seq", last.getLastSeq());
            numbers.put("last_seq_on_topic", k);
            numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
            ReliabilityResults.write("trainer-killed", numbers);
        }
    }

    static Process startChild(String servers, Path outboxDir, String... extra) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR", "org.apache.avro.SERIALIZABLE_PACKAGES",
                "java.awt.headless")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingTrainerMain.class.getName());
        command.add(servers);
        command.add(outboxDir.toString());
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("DJL_OFFLINE", "true");
        builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
        return builder.start();
    }

    static Thread pipe(Process child, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child died
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    static String awaitLine(BlockingQueue<String> lines, String prefix, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            } else if (!child.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("the trainer process did not print '" + prefix + "' within " + WAIT.toSeconds()
                + " s (alive: " + child.isAlive() + "); its last output: "
                + String.join("\n", seen.subList(Math.max(0, seen.size() - 30), seen.size())));
    }

    private static TreeSet<Long> seqs(List<ConsumerRecord<String, byte[]>> records, String runId) {
        TreeSet<Long> out = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TrainerEvent event = EventCodec.decode(record.value());
            if (event.getRunId().equals(runId)) {
                out.add(event.getSeq());
            }
        }
        return out;
    }

    private static RunSummary lastSummary(String servers, String topic, String runId) {
        RunSummary last = null;
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(servers, topic)) {
            RunSummary summary = RunSummaryCodec.decode(record.value());
            if (summary.getRunId().equals(runId)) {
                last = summary;
            }
        }
        assertThat(last).as("run " + runId + " in the runs index").isNotNull();
        return last;
    }
}
