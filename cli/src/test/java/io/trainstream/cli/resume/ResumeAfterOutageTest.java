package io.trainstream.cli.resume;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.cli.ChildTrain;
import io.trainstream.cli.CliRun;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.LogIdentity;
import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.trainer.outbox.PendingEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case that gave two contents to the same seqs: {@code train} is killed while the broker is down
 * (its last epochs only in its outbox), the broker comes back on another port, and {@code resume}
 * names it {@code localhost}. Resume must first deliver the dead run's leftovers, then number its own
 * events after them; the raw topics then hold every seq once, end with {@code run_end}, and the runs
 * index agrees (the run is never left CRASHED by its own resume).
 */
class ResumeAfterOutageTest {

    private static final String EVENTS = "outage-events";
    private static final String RUNS = "outage-runs";

    @TempDir
    Path home;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void resumeDeliversTheLeftoversFirstAndTheLogHoldsEverySeqOnce() throws Exception {
        Path kafka = home.resolve("kafka");
        Path states = home.resolve("states");
        String runId;
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(kafka).build()).start()) {
            runId = trainAndKillDuringOutage(first, states);
        }
        try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(kafka).build()).start()) {
            String localhost = second.bootstrapServers().replace("127.0.0.1", "localhost");
            LogIdentity identity = LogIdentity.resolve(KafkaPublisherConfig.builder(localhost).optEventsTopic(EVENTS)
                    .optRunsTopic(RUNS).build(), Duration.ofSeconds(10));
            List<String> keys = new ArrayList<>(identity.aliases());
            keys.add(identity.key());
            long leftovers = PendingEntries.of(home.resolve("outbox"), keys, runId);
            assertThat(leftovers).as("the killed train left undelivered events in its outbox").isPositive();
            CliRun resume = CliRun.run(home, "resume", runId, "--bootstrap-servers", localhost, "--events-topic", EVENTS,
                    "--runs-topic", RUNS);
            assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();

            LogInvariant log = LogInvariant.read(second.bootstrapServers(), EVENTS, RUNS);
            log.assertHolds();
            LogInvariant.RunCheck run = log.run(runId);
            assertThat(run.conflicting()).isZero();
            System.out.println("[reliability] resume-after-outage: " + run.counts() + ", left in outbox " + leftovers);
            assertThat(run.expected()).isGreaterThan(leftovers);
            assertThat(PendingEntries.of(home.resolve("outbox"), keys, runId)).as("nothing left behind").isZero();
        }
    }

    private String trainAndKillDuringOutage(EmbeddedKafkaBroker broker, Path states) throws Exception {
        try (ChildTrain child = ChildTrain.start(home, "--epochs", "8", "--seed", "11", "--batch-size", "16", "--hidden",
                "32", "--save-state-every", "1", "--state-dir", states.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--events-topic", EVENTS, "--runs-topic", RUNS)) {
            String runId = child.awaitRunId();
            child.awaitState(states, runId, 2);
            broker.close();
            child.awaitState(states, runId, 4);
            child.kill();
            return runId;
        }
    }
}
