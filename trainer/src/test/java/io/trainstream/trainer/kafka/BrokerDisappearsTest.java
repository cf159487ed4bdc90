package io.trainstream.trainer.kafka;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that goes away mid-run neither blocks nor crashes training, and every lost event is reported. */
class BrokerDisappearsTest {

    @Test
    void trainingFinishesAndEveryUndeliveredEventIsCountedAndReported(@TempDir Path dir) throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir).build()).start();
        List<DeliveryFailure> failures = new CopyOnWriteArrayList<>();
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                .addProducerOverride("delivery.timeout.ms", "3000")
                .addProducerOverride("request.timeout.ms", "1000")
                .addProducerOverride("reconnect.backoff.max.ms", "200")
                .optFlushTimeout(Duration.ofSeconds(10)).build();
        TopicSetup.ensureTopics(config, Duration.ofSeconds(20));
        DeliveryFailureHandler logging = DeliveryFailureHandler.logging();
        KafkaEventPublisher publisher = new KafkaEventPublisher(config, failure -> {
            failures.add(failure);
            logging.onFailure(failure);
        });
        Thread stopper = new Thread(broker::close);
        long start = System.nanoTime();
        try {
            TrainingScenario.run(publisher, 6, 99, 960, new StopBrokerAtEpoch(2, stopper));
            long trainingMillis = (System.nanoTime() - start) / 1_000_000;

            boolean flushed = publisher.flush(Duration.ofSeconds(10));
            DeliveryReport report = publisher.deliveryReport();

            assertThat(trainingMillis).as("training must not wait on the dead broker").isLessThan(25_000);
            assertThat(flushed).isFalse();
            assertThat(report.failed()).isPositive();
            assertThat(report.pending()).isZero();
            assertThat(report.delivered() + report.failed()).isEqualTo(report.published());
            assertThat(report.message()).contains("LOST").contains("lost seq");
            assertThat(failures).hasSize((int) report.failed());
            assertThat(failures).allSatisfy(f -> {
                assertThat(f.runId()).startsWith("run-");
                assertThat(f.seq()).isNotNegative();
                assertThat(f.reason()).isEqualTo(DeliveryFailure.Reason.SEND_FAILED);
                assertThat(f.event()).isNotNull();
            });
        } finally {
            publisher.close();
            stopper.join(30_000);
        }
    }

    /** Stops the broker from another thread at the start of an epoch, so the training thread never waits on it. */
    private record StopBrokerAtEpoch(int epoch, Thread stopper) implements TrainerCallback {
        @Override
        public void onTrainEpochStart(Trainer trainer) {
            if (trainer.runHistory().currentEpoch() == epoch) {
                stopper.start();
            }
        }
    }
}
