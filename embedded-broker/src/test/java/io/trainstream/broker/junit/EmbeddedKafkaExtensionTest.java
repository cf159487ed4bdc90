package io.trainstream.broker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaExtensionTest {

    private final EmbeddedKafkaBroker fromConstructor;

    EmbeddedKafkaExtensionTest(EmbeddedKafkaBroker fromConstructor) {
        this.fromConstructor = fromConstructor;
    }

    @Test
    void constructorsAndMethodsGetTheOneRunningSharedBroker(EmbeddedKafkaBroker testSubject) {
        assertThat(testSubject).isSameAs(fromConstructor).isSameAs(EmbeddedKafkaExtension.shared());
        assertThat(testSubject.isRunning()).isTrue();
    }

    @Test
    void aStoppedSharedBrokerIsStartedAgainOnTheSamePort(EmbeddedKafkaBroker testSubject) {
        String bootstrapServers = testSubject.bootstrapServers();

        testSubject.stop();
        EmbeddedKafkaBroker again = EmbeddedKafkaExtension.shared();

        assertThat(again).isSameAs(testSubject);
        assertThat(again.isRunning()).isTrue();
        assertThat(again.bootstrapServers()).isEqualTo(bootstrapServers);
    }
}
