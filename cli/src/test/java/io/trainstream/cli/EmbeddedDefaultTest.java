package io.trainstream.cli;

import io.trainstream.cli.broker.LocalBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Without bootstrap servers, commands start the embedded broker on $TRAINSTREAM_HOME/kafka and stop it at the end. */
class EmbeddedDefaultTest {

    @TempDir
    Path home;

    @Test
    void runsStartsTheEmbeddedBrokerOnTheHomeDataDirAndStopsIt() {
        CliRun run = CliRun.run(home, "runs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("no runs yet in topic trainstream.runs on the embedded broker at 127.0.0.1:")
                .contains("data in " + home.resolve("kafka"));
        assertThat(home.resolve("kafka").resolve("kafka-logs")).isDirectory();
        assertThat(Files.exists(home.resolve("kafka").resolve(LocalBroker.PORT_FILE))).isFalse();
    }
}
