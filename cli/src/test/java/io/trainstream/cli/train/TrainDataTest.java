package io.trainstream.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train} on a bundled dataset named by {@code --data}, on a semicolon file, and as a regression. */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private String[] connection;

    @BeforeAll
    void topics(EmbeddedKafkaBroker broker) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(),
            "--events-topic", "data-events-" + suffix, "--runs-topic", "data-runs-" + suffix};
    }

    private CliRun train(String... options) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(options));
        all.addAll(List.of(connection));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    @Test
    void theBundledIrisIsNamedWithoutAFileOrALabel() {
        CliRun run = train("--data", "iris", "--epochs", "1", "--hidden", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 -> 8 -> 3 (MLP, ReLU), 120 training and 30 evaluation samples", "accuracy");
    }

    @Test
    void aFractionalLabelTrainsARegressionAndSaysSo() throws IOException {
        Path csv = home.resolve("line.csv");
        StringBuilder text = new StringBuilder("x1;x2;y\n");
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            text.append(String.format(Locale.ROOT, "%.4f;%.4f;%.4f%n", a, b, 2 * a - b + 0.5));
        }
        Files.writeString(csv, text);

        CliRun run = train("--data", csv.toString(), "--label", "y", "--epochs", "30", "--hidden", "16", "--lr", "0.01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("holds numbers with fractions: training a regression");
        assertThat(run.out()).contains("2 -> 16 -> 1 (MLP, ReLU)");
        double r2 = metric(run, "r2");
        assertThat(r2).as(run.out()).isGreaterThan(0.9);
        assertThat(metric(run, "mae")).isLessThan(0.5);
        assertThat(run.out()).doesNotContain("accuracy");
    }

    @Test
    void jsonPrintsOnlyTheResultAndPredictionsArePublishedWhenAsked() throws IOException {
        CliRun run = train("--data", "iris", "--epochs", "2", "--hidden", "8", "--json", "--quiet", "--publish-predictions",
                "--save-best", home.resolve("best.params").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("run_id").asText()).matches("run-[0-9a-f-]{13}");
        assertThat(result.get("epochs").asInt()).isEqualTo(2);
        assertThat(result.get("restored_epoch").asInt()).isBetween(1, 2);
        assertThat(result.get("metrics").has("accuracy")).isTrue();
        assertThat(run.err()).isEmpty();

        CliRun events = CliRun.run(home, withConnection("events", result.get("run_id").asText()));
        List<JsonNode> evalSteps = new ArrayList<>();
        for (String line : events.outLines()) {
            JsonNode event = JSON.readTree(line);
            if (event.get("event").asText().equals("eval_step_end")) {
                evalSteps.add(event);
            }
        }
        assertThat(evalSteps).isNotEmpty().allSatisfy(e -> assertThat(e.get("payload").get("predictions").isArray()).isTrue());
    }

    private String[] withConnection(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        return all.toArray(String[]::new);
    }

    private static double metric(CliRun run, String name) {
        return run.outLines().stream().map(String::trim).filter(line -> line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(name.length()).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + run.out()));
    }
}
