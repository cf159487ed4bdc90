package io.trainstream.cluster.support;

import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One trainer process of the concurrent-trainers test: a short real run published to the cluster, then
 * {@code RUN <id>} on stdout and exit code 0 once every event is acknowledged (1 if not).
 *
 * <p>Arguments: bootstrap servers, scenario (topic prefix), outbox directory, epochs, steps per epoch.
 */
public final class TrainerProcessMain {

    private TrainerProcessMain() {}

    /** @param args see the class comment */
    public static void main(String[] args) {
        KafkaPublisherConfig config = ClusterPublishing.config(args[0], args[1], Path.of(args[2]), Map.of());
        boolean flushed;
        String runId;
        // the test created the topics; open() would also fetch metadata with the producer's 1 s max.block.ms,
        // which eight JVMs starting on two cores overran once
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            runId = ClusterTraining.run(publisher, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            flushed = publisher.flush(Duration.ofSeconds(90));
        }
        System.out.println("RUN " + runId);
        System.out.flush();
        System.exit(flushed ? 0 : 1);
    }
}
