package io.trainstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** train, then events and runs of that run, in-process against the shared embedded broker. */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainEventsRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;

    private String[] connection;
    private CliRun train;
    private String runId;

    @BeforeAll
    void trainTwoEpochsOnIris(EmbeddedKafkaBroker broker, @TempDir Path dir) throws IOException {
        home = dir;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(),
            "--events-topic", "cli-events-" + suffix, "--runs-topic", "cli-runs-" + suffix};
        Path iris = home.resolve("iris.csv");
        try (InputStream in = getClass().getResourceAsStream("/datasets/iris.csv")) {
            Files.copy(in, iris);
        }
        train = CliRun.run(home, args("train", "--data", iris.toString(), "--label", "species", "--epochs", "2",
                "--hidden", "16", "--batch-size", "32", "--run-name", "iris-test", "--early-stopping", "patience=3,threshold=0.001"));
        runId = train.outLines().get(0).replace("run id: ", "");
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        return all.toArray(String[]::new);
    }

    @Test
    void trainPrintsTheRunIdFirstAndTheFinalMetrics() {
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.outLines().get(0)).matches("run id: run-[0-9a-f-]{13}");
        assertThat(train.out()).contains("accuracy", "eval_loss_epoch", "train_loss_epoch", "trainstream events " + runId);
    }

    @Test
    void eventsPrintsTheRunAsJsonLinesInSeqOrder() throws IOException {
        CliRun events = CliRun.run(home, args("events", runId));

        assertThat(events.exitCode()).as(events.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : events.outLines()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).isNotEmpty();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = lines.get(i);
            assertThat(event.get("seq").asLong()).isEqualTo(i);
            assertThat(event.get("run_id").asText()).isEqualTo(runId);
            assertThat(event.has("time") && event.has("event") && event.has("epoch") && event.has("global_step")
                    && event.has("payload")).as(event.toString()).isTrue();
        }
        List<String> names = lines.stream().map(e -> e.get("event").asText()).toList();
        assertThat(names).contains("training_run_start", "train_step_end", "eval_epoch_end", "metric_update", "run_end");
        assertThat(lines).filteredOn(e -> e.get("event").asText().equals("metric_update"))
                .extracting(e -> e.get("payload").get("name").asText()).contains("accuracy", "eval_loss_epoch");
        assertThat(lines).filteredOn(e -> e.get("event").asText().equals("train_step_end"))
                .allSatisfy(e -> assertThat(e.has("step")).isTrue());
    }

    @Test
    void runsListsTheRunAsCompleted() {
        CliRun runs = CliRun.run(home, args("runs"));

        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.outLines().get(0)).startsWith("RUN ID").contains("STATUS", "DURATION", "EPOCHS", "BEST");
        assertThat(runs.outLines()).anySatisfy(line -> assertThat(line).contains(runId, "iris-test", "COMPLETED"));
    }

    @Test
    void runsWithAMetricReadsItFromTheRunsLog() {
        CliRun runs = CliRun.run(home, args("runs", "--metric", "accuracy"));

        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.outLines().get(0)).contains("ACCURACY", "ACCURACY BEST");
        assertThat(runs.outLines()).anySatisfy(line -> assertThat(line).contains(runId, "iris.csv").matches(".*\\s0\\.\\d{4}\\s+0\\.\\d{4}$"));
    }

    @Test
    void anUnknownRunIdIsOneLineThatSaysHowToListRunsAfterTheScanOfTheEventsTopic() {

        CliRun events = CliRun.run(home, args("events", "run-does-not-exist"));

        assertThat(events.exitCode()).isEqualTo(1);
        assertThat(events.errLines()).hasSize(2);
        assertThat(events.errLines().get(0)).contains("run run-does-not-exist is not in the runs index", "scanning the events topic");
        assertThat(events.errLines().get(1)).contains("no run 'run-does-not-exist'", "nor on the events topic", "trainstream runs");
        assertThat(events.out()).isEmpty();
    }
}
