package io.trainstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    @Test
    void defaultsPickFreePortsAndOnePartition() {
        EmbeddedKafkaConfig testSubject = EmbeddedKafkaConfig.builder(Path.of("data")).build();

        assertThat(testSubject.brokerPort()).isZero();
        assertThat(testSubject.controllerPort()).isZero();
        assertThat(testSubject.numPartitions()).isEqualTo(1);
        assertThat(testSubject.dataDir()).isAbsolute();
        assertThat(testSubject.startTimeout()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT);
    }

    @Test
    void extraBrokerPropertiesOverrideTheBuiltInOnes() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(Path.of("data"))
                .optNumPartitions(3)
                .addBrokerProperty("num.partitions", "5")
                .addBrokerProperty("log.retention.hours", "1")
                .build();

        var testSubject = BrokerProperties.of(config, Path.of("logs"), 9092, 9093);

        assertThat(testSubject.getProperty("num.partitions")).isEqualTo("5");
        assertThat(testSubject.getProperty("log.retention.hours")).isEqualTo("1");
        assertThat(testSubject.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    }

    @Test
    void theSamePortForBrokerAndControllerIsRejected() {
        var testSubject = EmbeddedKafkaConfig.builder(Path.of("data")).optBrokerPort(9092).optControllerPort(9092);

        assertThatThrownBy(testSubject::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9092");
    }

    @Test
    void zeroPartitionsAreRejected() {
        var testSubject = EmbeddedKafkaConfig.builder(Path.of("data")).optNumPartitions(0);

        assertThatThrownBy(testSubject::build).isInstanceOf(IllegalArgumentException.class);
    }
}
