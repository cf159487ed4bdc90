package io.trainstream.cluster;

import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.cluster.support.ClusterPublishing;
import io.trainstream.cluster.support.ClusterResults;
import io.trainstream.cluster.support.SharedCluster;
import io.trainstream.cluster.support.TrainerProcessMain;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight trainer processes publish short real runs to the three-node cluster at the same time: every run
 * is complete and contiguous on the raw topic, each seq once and in order, ending with run_end, and the
 * runs index has every run, ended, with the right last seq, partition and first offset.
 */
class ConcurrentTrainersTest {

    private static final int TRAINERS = 8;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void eightTrainerProcessesAtOnceEachLeaveOneCompleteContiguousRun(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        EmbeddedKafkaCluster cluster = SharedCluster.get();
        String scenario = "concurrent-trainers";
        KafkaPublisherConfig config = ClusterPublishing.config(cluster.bootstrapServers(), scenario,
                dir.resolve("setup-outbox"), Map.of());
        TopicSetup.ensureTopics(config, Duration.ofSeconds(60));

        List<Process> trainers = new ArrayList<>();
        for (int i = 0; i < TRAINERS; i++) {
            trainers.add(start(cluster.bootstrapServers(), scenario, dir.resolve("outbox-" + i), dir.resolve("trainer-" + i + ".log")));
        }
        List<String> runIds = new ArrayList<>();
        try {
            for (int i = 0; i < TRAINERS; i++) {
                Process trainer = trainers.get(i);
                Path log = dir.resolve("trainer-" + i + ".log");
                assertThat(trainer.waitFor(240, TimeUnit.SECONDS)).as("trainer " + i + " finished").isTrue();
                assertThat(trainer.exitValue()).as("trainer " + i + " flushed every event; its output:\n" + tail(log))
                        .isZero();
                runIds.add(Files.readAllLines(log).stream().filter(l -> l.startsWith("RUN ")).findFirst()
                        .orElseThrow().substring(4));
            }
        } finally {
            trainers.forEach(Process::destroyForcibly);
        }
        long trainedMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(runIds).doesNotHaveDuplicates().hasSize(TRAINERS);

        LogInvariant report = LogInvariant.read(cluster.bootstrapServers(), Map.of(),
                config.eventsTopic(), config.runsTopic()).only(runIds);
        report.assertEndedNormally();
        assertThat(report.runs().values()).allSatisfy(run -> assertThat(run.delivered()).isEqualTo(run.expected()));

        Map<String, Object> numbers = new LinkedHashMap<>(report.totals());
        numbers.put("trainer_processes", TRAINERS);
        numbers.put("partitions_used", runIds.stream().map(ClusterPublishing::partitionOf).distinct().count());
        numbers.put("all_trainers_done_ms", trainedMs);
        numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
        ClusterResults.write("concurrent-trainers", numbers);
    }

    private static Process start(String servers, String scenario, Path outbox, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");   // eight JVMs start on two cores: less JIT work
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR", "org.apache.avro.SERIALIZABLE_PACKAGES",
                "java.awt.headless")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainerProcessMain.class.getName(),
                servers, scenario, outbox.toString(), "2", "15"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putIfAbsent("DJL_OFFLINE", "true");
        builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
        return builder.start();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
