package io.trainstream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliEnvironment;
import io.trainstream.cli.CliRun;
import io.trainstream.cli.TrainstreamCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo --exit-when-done --epochs 2} in-process against the shared broker: the dashboard lists the
 * run while it serves, every consumer's output exists afterwards, and a replay re-drives the
 * predictions consumer into its own directory with the same files.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DASHBOARD = Pattern.compile("dashboard: (http://\\S+/)");
    private static final Pattern RUN_ID = Pattern.compile("run id: (run-[0-9a-f-]{13})");

    private Path home;
    private String[] connection;
    private int exitCode;
    private String out;
    private String err;
    private String runId;
    private final List<String> listedByDashboard = new ArrayList<>();

    @BeforeAll
    void runTheDemo(EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
        home = dir;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(),
            "--events-topic", "demo-events-" + suffix, "--runs-topic", "demo-runs-" + suffix};
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> TrainstreamCli.execute(
                args("demo", "--exit-when-done", "--epochs", "2", "--port", "0"), new PrintWriter(stdout, true),
                new PrintWriter(stderr, true), new CliEnvironment(Map.of(CliEnvironment.HOME_ENV, home.toString()), home)));
        HttpClient http = HttpClient.newHttpClient();
        // while the demo serves: ask the dashboard's JSON API for its runs
        while (!demo.isDone()) {
            Matcher url = DASHBOARD.matcher(stdout.toString());
            Matcher run = RUN_ID.matcher(stdout.toString());
            if (url.find() && run.find() && !listedByDashboard.contains(run.group(1))) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "api/runs")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    for (JsonNode listed : runsOf(JSON.readTree(response.body()))) {
                        listedByDashboard.add(listed.get("id").asText());
                    }
                } catch (IOException e) {
                    // the server may be stopping
                }
            }
            Thread.sleep(100);
        }
        exitCode = demo.get(5, TimeUnit.MINUTES);
        out = stdout.toString();
        err = stderr.toString();
        Matcher run = RUN_ID.matcher(out);
        runId = run.find() ? run.group(1) : null;
    }

    private static Iterable<JsonNode> runsOf(JsonNode body) {
        return body.isArray() ? body : body.path("runs");
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        return all.toArray(String[]::new);
    }

    @Test
    void demoExitsZeroAfterPrintingTheDashboardUrlBeforeTraining() {
        assertThat(exitCode).as(out + err).isZero();
        assertThat(out.indexOf("dashboard: http://127.0.0.1:")).isGreaterThanOrEqualTo(0).isLessThan(out.indexOf("run id: "));
        assertThat(out).contains("prometheus: http://127.0.0.1:", "done: every consumer has caught up with run " + runId);
    }

    @Test
    void theDashboardListedTheRunWhileServing() {
        assertThat(listedByDashboard).contains(runId);
    }

    @Test
    void everyConsumerWroteItsOutput() throws IOException {
        Path demo = home.resolve("demo");
        List<JsonNode> logged = new ArrayList<>();
        for (String line : Files.readAllLines(demo.resolve("logging").resolve("logging.jsonl"))) {
            logged.add(JSON.readTree(line));
        }
        assertThat(logged).filteredOn(line -> line.get("run_id").asText().equals(runId))
                .extracting(line -> line.get("name").asText()).contains("train_loss_epoch", "eval_loss_epoch", "accuracy");
        assertThat(demo.resolve("metrics").resolve(runId + ".csv")).isNotEmptyFile();
        assertThat(demo.resolve("predictions").resolve(runId).resolve("epoch-1.csv")).isNotEmptyFile();
        assertThat(demo.resolve("predictions").resolve(runId).resolve("epoch-2.csv")).isNotEmptyFile();
    }

    @Test
    void aRedrivenPredictionsConsumerWritesTheLiveFilesIntoItsOwnDirectory() throws IOException {
        Path replayDir = home.resolve("replayed-predictions");
        CliRun replay = CliRun.run(home, args("replay", runId, "--redrive", "predictions", "--out", replayDir.toString()));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        Path live = home.resolve("demo").resolve("predictions").resolve(runId);
        try (Stream<Path> files = Files.list(live)) {
            List<Path> csvs = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
            assertThat(csvs).hasSize(2);
            for (Path file : csvs) {
                assertThat(replayDir.resolve(runId).resolve(file.getFileName())).hasSameBinaryContentAs(file);
            }
        }
    }

    @Test
    void aReplayIsRefusedTheLiveConsumersDirectory() {
        Path liveDir = home.resolve("demo").resolve("predictions");
        CliRun replay = CliRun.run(home, args("replay", runId, "--redrive", "predictions", "--out", liveDir.toString()));

        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.errLines()).singleElement().asString().contains("a live consumer writes there");
    }

    @Test
    void theConsumersCommittedTheirOffsetsUpToTheEndOfTheTopicBeforeTheDemoExited() throws Exception {
        String events = connection[3];
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", connection[1]))) {
            var partitions = admin.describeTopics(List.of(events)).allTopicNames().get(30, TimeUnit.SECONDS).get(events)
                    .partitions().stream().map(p -> new org.apache.kafka.common.TopicPartition(events, p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            for (String group : List.of("trainstream.demo.logging", "trainstream.demo.metrics", "trainstream.demo.predictions")) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (var partition : partitions) {
                    long end = ends.get(partition).offset();
                    // a next demo in this group starts where this one stopped, not at the beginning
                    assertThat(end == 0 ? 0 : committed.get(partition).offset()).as(group + " " + partition).isEqualTo(end);
                }
            }
        }
    }
}
