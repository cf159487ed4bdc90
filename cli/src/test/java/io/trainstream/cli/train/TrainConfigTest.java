package io.trainstream.cli.train;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import io.trainstream.cli.ExitCodes;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A training setup in a config file: trained by {@code train --config}, printed back by {@code runs --config-of}, repeated. */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainConfigTest {

    @TempDir
    Path home;

    private String[] connection;

    @BeforeAll
    void topics(EmbeddedKafkaBroker broker) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(),
            "--events-topic", "config-events-" + suffix, "--runs-topic", "config-runs-" + suffix};
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(connection));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    @Test
    void aConfigFileTrainsAndARecordedRunPrintsAConfigThatRepeatsIt() throws IOException {
        Path config = Files.writeString(home.resolve("iris.properties"),
                "train.data=iris\ntrain.hidden=8\ntrain.epochs=2\ntrain.lr=0.01\ntrain.run-name=from-config\ntrain.seed=7\n");

        CliRun first = cli("train", "--config", config.toString(), "--quiet");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 -> 8 -> 3 (MLP, ReLU)", "final metrics after 2 epoch(s)");
        String runId = first.outLines().get(0).replace("run id: ", "");

        CliRun printed = cli("runs", "--config-of", runId);
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.outLines()).contains("train.data=iris", "train.label=species", "train.task=classification",
                "train.hidden=8", "train.epochs=2", "train.lr=0.01", "train.seed=7", "train.run-name=from-config");

        Path fromReplay = home.resolve("replayed.properties");
        CliRun replay = cli("replay", runId, "--train-config", fromReplay.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(Files.readString(fromReplay)).isEqualTo(printed.out());

        Path again = Files.writeString(home.resolve("again.properties"), printed.out());
        CliRun repeated = cli("train", "--config", again.toString(), "--epochs", "1", "--quiet");
        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
        assertThat(repeated.out()).contains("4 -> 8 -> 3 (MLP, ReLU)", "final metrics after 1 epoch(s)");
    }

    @Test
    void anUnknownTrainKeyIsAUsageErrorNamingIt() throws IOException {
        Path config = Files.writeString(home.resolve("typo.properties"), "train.epoch=3\n");

        CliRun run = cli("train", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("unknown key 'train.epoch'", "epochs");
    }
}
