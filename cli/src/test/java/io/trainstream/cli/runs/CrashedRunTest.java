package io.trainstream.cli.runs;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.cli.ChildTrain;
import io.trainstream.cli.CliRun;
import io.trainstream.trainer.kafka.LogInvariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code train} killed with SIGKILL is not left RUNNING forever: the next command on the cluster,
 * even a reading one ({@code runs}) that names the broker {@code localhost} instead of 127.0.0.1,
 * delivers what the dead process left and marks its run CRASHED, with its progress.
 */
class CrashedRunTest {

    private static final String EVENTS = "crash-events";
    private static final String RUNS = "crash-runs";

    @TempDir
    Path home;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theNextReadingCommandMarksAKilledRunCrashedWithItsEpochs() throws Exception {
        Path states = home.resolve("states");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(home.resolve("kafka"))
                .build()).start()) {
            String runId;
            try (ChildTrain child = ChildTrain.start(home, "--epochs", "8", "--seed", "3", "--batch-size", "16",
                    "--save-state-every", "1", "--state-dir", states.toString(), "--bootstrap-servers",
                    broker.bootstrapServers(), "--events-topic", EVENTS, "--runs-topic", RUNS)) {
                runId = child.awaitRunId();
                child.awaitState(states, runId, 3);
                child.kill();
            }
            String localhost = broker.bootstrapServers().replace("127.0.0.1", "localhost");
            CliRun runs = CliRun.run(home, "runs", "--bootstrap-servers", localhost, "--events-topic", EVENTS,
                    "--runs-topic", RUNS);
            assertThat(runs.exitCode()).as(runs.err()).isZero();
            String row = runs.outLines().stream().filter(line -> line.contains(runId)).findFirst().orElseThrow();
            assertThat(row).contains("CRASHED");

            LogInvariant log = LogInvariant.read(broker.bootstrapServers(), EVENTS, RUNS);
            log.assertHolds();
            assertThat(log.run(runId).expected()).isPositive();
            System.out.println("[reliability] crashed-run-next-command: " + log.run(runId).counts());
        }
    }
}
