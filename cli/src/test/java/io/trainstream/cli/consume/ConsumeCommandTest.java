package io.trainstream.cli.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** `trainstream consume logging` logs a recorded run's metrics by the seed's rules, then stops cleanly. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLoggingConsumerWritesEveryMetricTheLogMetricsRulesLogForARun(EmbeddedKafkaBroker broker, @TempDir Path home)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> connection = List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--events-topic", "consume-events-" + suffix, "--runs-topic", "consume-runs-" + suffix);
        Path iris = home.resolve("iris.csv");
        try (InputStream in = getClass().getResourceAsStream("/datasets/iris.csv")) {
            Files.copy(in, iris);
        }
        CliRun train = CliRun.run(home, with(connection, "train", "--data", iris.toString(), "--label", "species",
                "--epochs", "2", "--hidden", "16", "--batch-size", "32"));
        assertThat(train.exitCode()).as(train.err()).isZero();
        String runId = train.outLines().get(0).replace("run id: ", "");

        Path out = home.resolve("logging-out");
        AtomicReference<CliRun> consume = new AtomicReference<>();
        Thread consumer = new Thread(() -> consume.set(CliRun.run(home, with(connection, "consume", "logging",
                "--out", out.toString(), "--status-every", "1"))), "consume-logging");
        consumer.start();
        Path jsonl = out.resolve("logging.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // 2 epochs: train_loss_epoch at each train epoch end, eval_loss_epoch and accuracy after each evaluation
        while (linesOf(jsonl, runId).size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        consumer.interrupt();
        consumer.join(Duration.ofSeconds(30).toMillis());
        assertThat(consumer.isAlive()).as("consume stops when interrupted").isFalse();

        List<JsonNode> lines = linesOf(jsonl, runId);
        assertThat(lines).extracting(line -> line.get("name").asText()).containsExactlyInAnyOrder(
                "train_loss_epoch", "train_loss_epoch", "accuracy", "eval_loss_epoch", "accuracy", "eval_loss_epoch");
        assertThat(consume.get().out()).contains("consumer logging (group trainstream.logging)", "press Ctrl-C to stop");
    }

    private static List<JsonNode> linesOf(Path jsonl, String runId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(jsonl)) {
            return lines;
        }
        for (String line : Files.readAllLines(jsonl)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                if (runId.equals(node.get("run_id").asText())) {
                    lines.add(node);
                }
            }
        }
        return lines;
    }

    private static String[] with(List<String> connection, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(connection);
        return all.toArray(String[]::new);
    }
}
