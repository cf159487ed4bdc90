package io.trainstream.cli.resume;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliEnvironment;
import io.trainstream.cli.CliRun;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.consumers.replay.LoggedEvents;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.history.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
        Set<Long> seqs = resumedLog.events().stream().map(TrainerEvent::getSeq).collect(Collectors.toCollection(TreeSet::new));
        long last = resumedLog.events().get(resumedLog.events().size() - 1).getSeq();
        assertThat(seqs).isEqualTo(LongStream.rangeClosed(0, last).boxed().collect(Collectors.toCollection(TreeSet::new)));
        assertThat(resumedLog.isComplete()).isTrue();

        RunReplay resumed = RunReplay.of(LoggedEvents.toTrainingEvents(resumedLog.events()));
        RunReplay baseline = RunReplay.of(LoggedEvents.toTrainingEvents(baselineLog.events()));
        // the threshold makes early stopping end the run after the crash point, in both runs alike
        assertThat(baseline.status()).isEqualTo("STOPPED");
        assertThat(resumed.status()).isEqualTo(baseline.status());
        assertThat(resumed.epochsCompleted()).isEqualTo(baseline.epochsCompleted());
        assertSameHistory(resumed.history(), baseline.history());
    }

    private String trainAndKillAfterEpoch2(List<String> connection, Path states) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), TrainstreamCli.class.getName()));
        command.addAll(List.of(args(connection, "train", "--state-dir", states.toString())));
        File stdout = home.resolve("child.out").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout).redirectError(home.resolve("child.err").toFile());
        builder.environment().put(CliEnvironment.HOME_ENV, home.toString());
        Process child = builder.start();
        try {
            String runId = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && child.isAlive()) {
                List<String> lines = Files.readAllLines(stdout.toPath());
                if (runId == null && !lines.isEmpty() && lines.get(0).startsWith("run id: ")) {
                    runId = lines.get(0).substring("run id: ".length()).trim();
                }
                if (runId != null && Files.exists(states.resolve(runId).resolve("epoch_2").resolve("trainer_metadata.json"))) {
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the training process must still run when it is killed: "
                    + Files.readString(home.resolve("child.err"))).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runId).isNotNull();
            return runId;
        } finally {
            child.destroyForcibly();
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
