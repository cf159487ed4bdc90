package io.trainstream.cli.train;

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

    private static double metric(CliRun run, String name) {
        return run.outLines().stream().map(String::trim).filter(line -> line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(name.length()).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + run.out()));
    }
}
