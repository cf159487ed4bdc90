package io.trainstream.consumers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tests' producing helper must fail loudly when a record is not written, not leave a silent gap. */
@ExtendWith(EmbeddedKafkaExtension.class)
class KafkaTestSupportTest {

    @Test
    void aRecordTheProducerRefusesFailsTheCallAndTheOthersArriveInOrder() {
        String topic = KafkaTestSupport.newTopic("support", 1);
        byte[] small = {1, 2, 3};
        byte[] tooLarge = new byte[2 * 1024 * 1024]; // over the producer's max.request.size of 1 MiB

        assertThatThrownBy(() -> KafkaTestSupport.produceRaw(topic,
                List.of(Map.entry("run-a", small), Map.entry("run-a", tooLarge), Map.entry("run-a", small))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("record 1 of 3 to " + topic + " was not written");
        assertThat(KafkaTestSupport.readAll(topic, 2, Duration.ofSeconds(10))).hasSize(2);
    }
}
