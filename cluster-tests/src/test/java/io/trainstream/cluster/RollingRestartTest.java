package io.trainstream.cluster;

import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.cluster.support.ClusterPublishing;
import io.trainstream.cluster.support.ClusterResults;
import io.trainstream.cluster.support.ClusterTraining;
import io.trainstream.cluster.support.SharedCluster;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling restart of all three nodes (controlled shutdown, start, wait until every replica is back in
 * sync, next node) while a real training run publishes: the run trains through it and its events are on
 * the raw topics once each, in order, ending with run_end, with the runs index agreeing.
 */
class RollingRestartTest {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aRunPublishingThroughARollingRestartOfEveryNodeLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        EmbeddedKafkaCluster cluster = SharedCluster.get();
        KafkaPublisherConfig config = ClusterPublishing.config(cluster.bootstrapServers(), "rolling-restart",
                dir.resolve("outbox"), Map.of());
        TopicSetup.ensureTopics(config, Duration.ofSeconds(60));

        RollingRestart restart = new RollingRestart(cluster);
        String runId;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            runId = ClusterTraining.run(publisher, 10_000, 40, restart);
            assertThat(publisher.flush(Duration.ofSeconds(90))).as("every event acknowledged: "
                    + publisher.deliveryReport().message()).isTrue();
        } finally {
            restart.thread.join(TimeUnit.SECONDS.toMillis(200));
        }
        assertThat(restart.error).as("the rolling restart itself").isNull();
        assertThat(restart.restarted).containsExactly(1, 2, 3);
        assertThat(restart.epochsDuring).as("epochs trained while nodes restarted").isGreaterThan(1);

        LogInvariant report = LogInvariant.read(cluster.bootstrapServers(), Map.of(),
                config.eventsTopic(), config.runsTopic()).only(List.of(runId));
        report.assertEndedNormally();

        Map<String, Object> numbers = new LinkedHashMap<>(report.totals());
        numbers.put("nodes_restarted", restart.restarted);
        numbers.put("restart_ms_per_node", restart.millis);
        numbers.put("epochs_during_restart", restart.epochsDuring);
        numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
        ClusterResults.write("rolling-restart", numbers);
    }

    /**
     * Starts the restart at the second epoch, on its own thread; training stops one epoch after it is done
     * (a StopTrainingException, the seed's way to end a run early).
     */
    private static final class RollingRestart implements TrainerCallback {
        private final EmbeddedKafkaCluster cluster;
        final List<Integer> restarted = new ArrayList<>();
        final List<Long> millis = new ArrayList<>();
        final Thread thread;
        volatile Throwable error;
        volatile boolean done;
        volatile int epochsDuring;

        RollingRestart(EmbeddedKafkaCluster cluster) {
            this.cluster = cluster;
            this.thread = new Thread(this::restartAll, "rolling-restart");
        }

        private void restartAll() {
            try {
                for (int node = 1; node <= 3; node++) {
                    long began = System.nanoTime();
                    cluster.stopNode(node);
                    cluster.startNode(node);
                    if (!cluster.awaitFullyReplicated(Duration.ofSeconds(90))) {
                        throw new AssertionError("replicas not back in sync 90 s after restarting node " + node);
                    }
                    restarted.add(node);
                    millis.add((System.nanoTime() - began) / 1_000_000);
                }
            } catch (Throwable e) {
                error = e;
            } finally {
                done = true;
            }
        }

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            if (!thread.isAlive() && !done) {
                thread.start();
            } else if (!done) {
                epochsDuring++;
                pace();
            }
        }

        /** Keeps the event volume of a minute of restarts modest (a few thousand events, not tens of thousands). */
        private static void pace() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onTrainingRunEpochEnd(Trainer trainer) {
            if (done) {
                throw new StopTrainingException("the rolling restart is over");
            }
        }
    }
}
