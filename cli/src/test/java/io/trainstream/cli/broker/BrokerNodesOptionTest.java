package io.trainstream.cli.broker;

import io.trainstream.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code broker --nodes}: bad values are one-line usage errors (the cluster itself is exercised by the
 * embedded-broker and cluster-tests modules, which start real three-node clusters).
 */
class BrokerNodesOptionTest {

    @Test
    void tooManyNodesIsAUsageErrorNamingTheRange(@TempDir Path home) {
        CliRun run = CliRun.run(home, "broker", "--nodes", "12");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line).contains("--nodes must be between 1 and 9, was 12"));
    }

    @Test
    void aFixedPortWithSeveralNodesIsAUsageError(@TempDir Path home) {
        CliRun run = CliRun.run(home, "broker", "--nodes", "3", "--port", "19092");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line).contains("--port applies to a single node"));
    }

    @Test
    void theHelpNamesTheNodesOption(@TempDir Path home) {
        CliRun run = CliRun.run(home, "broker", "--help");

        assertThat(run.out()).contains("--nodes=N", "Nodes to run (default 1)");
    }
}
