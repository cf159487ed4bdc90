package io.trainstream.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicReplicationTest {

    @Test
    void theFittingReplicationGrowsWithTheClusterUpToThreeWithMinIsrTwo() {
        assertThat(TopicReplication.fitting(1)).isEqualTo(new TopicReplication((short) 1, 1));
        assertThat(TopicReplication.fitting(2)).isEqualTo(new TopicReplication((short) 2, 1));
        assertThat(TopicReplication.fitting(3)).isEqualTo(new TopicReplication((short) 3, 2));
        assertThat(TopicReplication.fitting(7)).isEqualTo(new TopicReplication((short) 3, 2));
    }

    @Test
    void aFactorSetInTheConfigWinsOverTheClusterSize() {
        KafkaPublisherConfig fit = KafkaPublisherConfig.builder("127.0.0.1:9092").build();
        KafkaPublisherConfig two = KafkaPublisherConfig.builder("127.0.0.1:9092").optReplicationFactor((short) 2).build();

        assertThat(fit.replicationFactor()).as("the default fits the cluster").isZero();
        assertThat(TopicReplication.of(fit, 5)).isEqualTo(new TopicReplication((short) 3, 2));
        assertThat(TopicReplication.of(two, 5)).isEqualTo(new TopicReplication((short) 2, 1));
    }

    @Test
    void aMinIsrAboveTheFactorIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new TopicReplication((short) 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min.insync.replicas must be between 1 and the replication factor 2, was 3");
        assertThatThrownBy(() -> KafkaPublisherConfig.builder("h:1").optReplicationFactor((short) -1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replication factor");
    }
}
