package io.trainstream.cli.resume;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.ChildTrain;
import io.trainstream.cli.CliRun;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.events.RunEvent;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A {@code train} process killed with SIGKILL after epoch 2 of 5, then {@code resume}d, ends with the
 * same history and early-stopping decision as an uninterrupted run with the same seed, and its log has
 * every seq once across the crash.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ResumeCommandTest {

    private static final String[] TRAINING = {"--epochs", "5", "--seed", "11", "--batch-size", "16", "--hidden", "32",
        "--early-stopping", "patience=1,threshold=0.15", "--save-state-every", "1"};

    @TempDir
    Path home;

    @Test
    void aKilledRunResumedEndsAsTheUninterruptedRunWithContiguousSeq(EmbeddedKafkaBroker broker) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> connection = List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--events-topic", "resume-events-" + suffix, "--runs-topic", "resume-runs-" + suffix);
        Path states = home.resolve("states");

        String crashedId = trainAndKillAfterEpoch2(connection, states);
        CliRun resume = CliRun.run(home, args(connection, "resume", crashedId));
        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("run id: " + crashedId, "resuming from " + states.resolve(crashedId).resolve("epoch_"));

        CliRun uninterrupted = CliRun.run(home, args(connection, "train", "--state-dir", states.toString()));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();
        String baselineId = uninterrupted.outLines().get(0).replace("run id: ", "");

        KafkaReadSettings read = KafkaReadSettings.of(broker.bootstrapServers());
        RunLog resumedLog = RecordedRuns.read(read, connection.get(5), crashedId);
        RunLog baselineLog = RecordedRuns.read(read, connection.get(5), baselineId);
        Set<Long> seqs = resumedLog.events().stream().map(RunEvent::seq).collect(Collectors.toCollection(TreeSet::new));
        long last = resumedLog.events().get(resumedLog.events().size() - 1).seq();
        assertThat(seqs).isEqualTo(LongStream.rangeClosed(0, last).boxed().collect(Collectors.toCollection(TreeSet::new)));
        assertThat(resumedLog.isComplete()).isTrue();

        RunReplay resumed = RunReplay.of(resumedLog.events());
        RunReplay baseline = RunReplay.of(baselineLog.events());
        // the threshold makes early stopping end the run after the crash point, in both runs alike
        assertThat(baseline.status()).isEqualTo("STOPPED");
        assertThat(resumed.status()).isEqualTo(baseline.status());
        assertThat(resumed.epochsCompleted()).isEqualTo(baseline.epochsCompleted());
        assertSameHistory(resumed.history(), baseline.history());
    }

    private String trainAndKillAfterEpoch2(List<String> connection, Path states) throws Exception {
        try (ChildTrain child = ChildTrain.start(home, args(connection, "train", "--state-dir", states.toString()))) {
            String runId = child.awaitRunId();
            child.awaitState(states, runId, 2);
            child.kill();
            return runId;
        }
    }

    private static void assertSameHistory(RunHistory actual, RunHistory expected) {
        assertThat(actual.metricNames()).containsExactlyInAnyOrderElementsOf(expected.metricNames());
        for (String name : expected.metricNames()) {
            List<Double> want = expected.metricValues(name);
            List<Double> got = actual.metricValues(name);
            assertThat(got).as(name).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.get(i)).as(name + "[" + i + "]").isCloseTo(want.get(i), within(1e-5));
            }
        }
        assertThat(actual.currentEpoch()).isEqualTo(expected.currentEpoch());
    }

    private static String[] args(List<String> connection, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        if (command[0].equals("train")) {
            all.addAll(List.of(TRAINING));
        }
        all.addAll(connection);
        return all.toArray(String[]::new);
    }
}
