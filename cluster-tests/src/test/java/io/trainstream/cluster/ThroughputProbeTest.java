package io.trainstream.cluster;

import io.trainstream.cluster.support.ThroughputProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

/**
 * Runs the measurement behind SCALING.md on request only (it is a measurement, not a check, and takes a
 * few minutes): {@code mvn -B -pl cluster-tests -am verify -Dtest=ThroughputProbeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtrainstream.probe=true}; results in
 * {@code cluster-tests/target/cluster-results/throughput-probe.json}. Skipped otherwise.
 */
@EnabledIfSystemProperty(named = "trainstream.probe", matches = "true")
class ThroughputProbeTest {

    @Test
    void measureOneNodeAgainstThreeNodes() throws Exception {
        ThroughputProbe.main(new String[] {Path.of("target", "probe").toString(), "300000"});
    }
}
