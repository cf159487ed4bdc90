package io.trainstream.cli;

import io.trainstream.cli.broker.LocalBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments and unreachable brokers: one line on stderr, a non-zero exit, no stack trace. */
class UsageErrorsTest {

    @TempDir
    Path home;

    /** A command that got as far as the embedded default left a local broker running on the temp dir. */
    @AfterEach
    void stopTheLocalBroker() {
        LocalBroker.stop(home.resolve("kafka"), Duration.ofSeconds(30));
    }

    @Test
    void aNonNumericEpochCountIsAUsageError() {
        CliRun run = CliRun.run(home, "train", "--epochs", "zero");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("--epochs", "'zero'", "trainstream train --help");
    }

    @Test
    void aZeroEpochCountIsAUsageError() {
        CliRun run = CliRun.run(home, "train", "--epochs", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("trainstream train: --epochs must be at least 1, was 0");
    }

    @Test
    void aMissingCsvIsNamedWithTheBundledDatasets() {
        Path missing = home.resolve("missing.csv");

        CliRun run = CliRun.run(home, "train", "--data", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("trainstream train: " + missing + ": no such file; bundled datasets: digits, iris (e.g. --data iris)");
    }

    @Test
    void aMissingIrisCsvPointsToTheBundledIris() {
        CliRun run = CliRun.run(home, "train", "--data", "iris.csv", "--label", "species");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().endsWith("no such file; bundled datasets: digits, iris (e.g. --data iris)");
    }

    @Test
    void aSingleClassLabelIsRefusedBeforeAnyRunId() throws IOException {
        Path csv = Files.writeString(home.resolve("one.csv"), "a,b,label\n1,2,x\n3,4,x\n");

        CliRun run = CliRun.run(home, "train", "--data", csv.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("holds a single class ('x')", "needs at least two");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNonFiniteValueNamesFileLineAndColumn() throws IOException {
        Path csv = Files.writeString(home.resolve("nan.csv"), "a,b,label\n1,2,x\n3,NaN,y\n");

        CliRun run = CliRun.run(home, "train", "--data", csv.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("trainstream train: " + csv
                + " line 3, column 'b' (2): 'NaN' is not a number");
    }

    @Test
    void aLongDelimiterIsAUsageError() {
        CliRun run = CliRun.run(home, "train", "--delimiter", ";;");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("--delimiter", "';;' is not a delimiter");
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() throws IOException {
        Path csv = Files.writeString(home.resolve("small.csv"), "a,b,species\n1,2,x\n3,4,y\n");

        CliRun run = CliRun.run(home, "train", "--data", csv.toString(), "--label", "kind");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("no label column 'kind'", "a, b, species");
    }

    @Test
    void aBadEarlyStoppingKeyIsAUsageError() {
        CliRun run = CliRun.run(home, "train", "--early-stopping", "patience=3,patients=2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("--early-stopping", "unknown key 'patients'");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndQuick() {
        CliRun run = CliRun.run(home, "runs", "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.errLines()).singleElement().asString().startsWith("trainstream runs: Kafka at 127.0.0.1:1 is unavailable");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void trainingAgainstAnUnreachableBrokerIsOneLineBeforeAnyRunId() {
        CliRun run = CliRun.run(home, "train", "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "2", "--epochs", "1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.errLines()).singleElement().asString().contains("127.0.0.1:1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadConfigFileNamesTheFileAndTheKey() throws IOException {
        Path config = Files.writeString(home.resolve("ts.json"), "{\"bootstrap-server\": \"x:1\"}");

        CliRun run = CliRun.run(home, "runs", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains(config.toString(), "unknown key 'bootstrap-server'");
    }

    @Test
    void noCommandPrintsUsageAndIsAUsageError() {
        CliRun run = CliRun.run(home);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("train", "events", "runs", "broker");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "events", "runs", "broker"}) {
            CliRun run = CliRun.run(home, command, "--help");

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("--bootstrap-servers", "--config");
        }
    }
}
