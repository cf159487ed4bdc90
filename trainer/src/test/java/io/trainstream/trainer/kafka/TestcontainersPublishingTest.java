package io.trainstream.trainer.kafka;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The publishing contract on Apache Kafka in Docker; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPublishingTest extends PublishingContractTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
