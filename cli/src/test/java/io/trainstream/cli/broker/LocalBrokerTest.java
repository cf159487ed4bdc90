package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local broker as a detached process: shared by concurrent commands, outliving each, restarted after a kill, idle-stopped. */
class LocalBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @AfterEach
    void stopTheBroker() {
        LocalBroker.stop(home.resolve("kafka"), Duration.ofSeconds(30));
    }

    @Test
    void fourConcurrentCommandsWithNoBrokerRunningAllCompleteTheirRunsThoughTheOneThatStartedItEndsFirst() throws Exception {
        // 25 ms apart: run-0 publishes for 0.5 s, the others for 7.5 s and more, so run-0 ends first even on a loaded machine
        int[] counts = {20, 300, 320, 340};
        List<Process> commands = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Long>> endedAt = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Process command = childJvm(PublishingCommandMain.class, home.toString(), "run-" + i, Integer.toString(counts[i]), "25", "60");
            commands.add(command);
            endedAt.add(command.onExit().thenApply(p -> System.nanoTime()));
            if (i == 0) {
                // a head start, so the shortest command is the one that starts the broker: the check below is that
                // the broker outlives its starter while the others still publish (the others still race each other)
                Thread.sleep(1_500);
            }
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Process command = commands.get(i);
            String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(command.waitFor(3, TimeUnit.MINUTES)).as("command %d finished", i).isTrue();
            outputs.add(output);
            assertThat(command.exitValue()).as(output).isZero();
        }
        assertThat(outputs).filteredOn(o -> o.contains("started-broker=true")).hasSize(1);
        int starter = outputs.indexOf(outputs.stream().filter(o -> o.contains("started-broker=true")).findFirst().orElseThrow());
        long lastEnd = endedAt.stream().mapToLong(java.util.concurrent.CompletableFuture::join).max().orElseThrow();
        assertThat(endedAt.get(starter).join()).as("the command that started the broker ended while another still ran")
                .isLessThan(lastEnd);
        assertThat(endedAt.get(0).join()).as("the shortest run ends before the longest").isLessThan(endedAt.get(3).join());
        assertThat(LocalBroker.status(home.resolve("kafka")).running()).as("the broker outlives the commands").isTrue();

        Map<String, List<TrainerEvent>> runs = readEventsTopic(LocalBroker.status(home.resolve("kafka")).address());
        for (int i = 0; i < counts.length; i++) {
            List<TrainerEvent> run = runs.get("run-" + i);
            assertThat(run).as("run-%d", i).isNotNull();
            assertThat(run.stream().map(TrainerEvent::getSeq).toList()).as("run-%d: every seq once, in order", i)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, counts[i]).boxed().toList());
            assertThat(run.get(run.size() - 1).getType()).as("run-%d ends with run_end", i).isEqualTo(EventType.RUN_END);
        }
    }

    @Test
    void aCommandAfterTheBrokerWasKilledStartsANewOneOnTheSameDataAndPort() throws Exception {
        Path dataDir = home.resolve("kafka");
        String address;
        long firstPid;
        try (LocalBroker first = LocalBroker.attach(dataDir, Duration.ofSeconds(60), WAIT)) {
            assertThat(first.startedHere()).isTrue();
            address = first.bootstrapServers();
            firstPid = LocalBroker.status(dataDir).pid().orElseThrow();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                admin.createTopics(List.of(new NewTopic("survives-a-kill", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        ProcessHandle broker = ProcessHandle.of(firstPid).orElseThrow();
        broker.destroyForcibly();
        broker.onExit().get(30, TimeUnit.SECONDS);

        try (LocalBroker second = LocalBroker.attach(dataDir, Duration.ofSeconds(60), WAIT)) {
            assertThat(second.startedHere()).isTrue();
            assertThat(second.bootstrapServers()).as("the same port, as it is free").isEqualTo(address);
            assertThat(LocalBroker.status(dataDir).pid().orElseThrow()).isNotEqualTo(firstPid);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("survives-a-kill");
            }
        }
    }

    @Test
    void theBrokerStopsAfterItsIdleTimeoutOnceNoCommandIsAttached() throws Exception {
        Path dataDir = home.resolve("kafka");
        long pid;
        try (LocalBroker attached = LocalBroker.attach(dataDir, Duration.ofSeconds(2), WAIT)) {
            pid = LocalBroker.status(dataDir).pid().orElseThrow();
            Thread.sleep(4_000);
            assertThat(ProcessHandle.of(pid)).as("a lease keeps it up past the idle timeout").isPresent();
        }
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(LocalBroker.status(dataDir).running()).isFalse();
        assertThat(dataDir.resolve(BrokerFiles.ADDRESS)).doesNotExist();
    }

    @Test
    void aBrokerThatKafkaHaltsOnAFailedLogDirSaysWhyInOneLineAndTheNextCommandStartsANewOne() throws Exception {
        Path dataDir = home.resolve("kafka");
        long pid;
        try (LocalBroker attached = LocalBroker.attach(dataDir, Duration.ofSeconds(60), WAIT)) {
            pid = LocalBroker.status(dataDir).pid().orElseThrow();
        }
        // the log directory vanishes under the running broker: Kafka fails it and halts the JVM
        try (var files = Files.walk(dataDir.resolve("kafka-logs"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(90, TimeUnit.SECONDS).join());

        LocalBroker.Status status = LocalBroker.status(dataDir);
        assertThat(status.running()).isFalse();
        assertThat(status.describe()).contains("the last one failed: Kafka stopped the broker (exit 1): ")
                .contains("log dirs").doesNotContain("\n");

        try (LocalBroker next = LocalBroker.attach(dataDir, Duration.ofSeconds(60), WAIT)) {
            assertThat(next.startedHere()).isTrue();
            assertThat(LocalBroker.status(dataDir).lastFailure()).isNull();
        }
    }

    @Test
    void aBrokerThatCannotStartIsOneLineNamingTheCause() throws IOException {
        Path dataDir = Files.createDirectories(home.resolve("kafka"));
        Files.writeString(dataDir.resolve("kafka-logs"), "a file where the log directory should be");

        assertThatThrownBy(() -> LocalBroker.attach(dataDir, Duration.ofSeconds(60), WAIT))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("the local broker did not start")
                .hasMessageContaining("not writable")
                .hasMessageNotContaining("\n");
    }

    static Process childJvm(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TRAINSTREAM_HOME", args[0]);
        return builder.start();
    }

    private static Map<String, List<TrainerEvent>> readEventsTopic(String bootstrapServers) {
        Map<String, List<TrainerEvent>> runs = new LinkedHashMap<>();
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers,
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(config)) {
            var partitions = consumer.partitionsFor("trainstream.events").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    TrainerEvent event = EventCodec.decode(record.value());
                    runs.computeIfAbsent(event.getRunId(), id -> new ArrayList<>()).add(event);
                }
            }
        }
        return runs;
    }
}
