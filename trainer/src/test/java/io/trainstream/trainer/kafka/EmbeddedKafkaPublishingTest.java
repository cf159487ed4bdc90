package io.trainstream.trainer.kafka;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;

/** The publishing contract on the embedded Kafka broker (always runs). */
class EmbeddedKafkaPublishingTest extends PublishingContractTest {

    @Override
    String bootstrapServers() {
        return EmbeddedKafkaExtension.shared().bootstrapServers();
    }
}
