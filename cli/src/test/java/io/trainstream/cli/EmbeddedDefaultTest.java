package io.trainstream.cli;

import io.trainstream.cli.broker.BrokerFiles;
import io.trainstream.cli.broker.LocalBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without bootstrap servers, the first command starts the local broker on $TRAINSTREAM_HOME/kafka as a
 * detached process; it outlives the command, and the next command uses it.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path home;

    @AfterEach
    void stopTheBroker() {
        LocalBroker.stop(home.resolve("kafka"), Duration.ofSeconds(30));
    }

    @Test
    void theFirstCommandStartsTheLocalBrokerAndTheNextUsesTheSameOne() throws Exception {
        CliRun first = CliRun.run(home, "runs");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("no runs yet in topic trainstream.runs on the embedded broker at 127.0.0.1:")
                .contains("data in " + home.resolve("kafka") + ", started by this command");
        assertThat(home.resolve("kafka").resolve("kafka-logs")).isDirectory();
        String address = Files.readString(home.resolve("kafka").resolve(BrokerFiles.ADDRESS)).strip();

        CliRun second = CliRun.run(home, "runs");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("on the embedded broker at " + address + " (data in " + home.resolve("kafka") + ")");

        CliRun foreground = CliRun.run(home, "broker");
        assertThat(foreground.exitCode()).as("a second broker on the same data is refused").isEqualTo(ExitCodes.FAILURE);
        assertThat(foreground.errLines()).singleElement().asString().contains("already runs on " + home.resolve("kafka"),
                "at " + address, "trainstream broker stop");

        CliRun status = CliRun.run(home, "broker", "status");
        assertThat(status.out()).contains("local broker at " + address);

        CliRun stop = CliRun.run(home, "broker", "stop");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).startsWith("stopped the local broker at " + address);
        assertThat(CliRun.run(home, "broker", "status").exitCode()).isEqualTo(ExitCodes.FAILURE);
    }
}
