package io.trainstream.consumers.runlog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka client security settings (SASL, TLS) reach the run-log reader's consumer config. */
class KafkaReadSecuritySettingsTest {

    private static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"trainer\" password=\"s3cret\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @Test
    void theReadersConsumerGetsEverySecuritySetting() {
        KafkaReadSettings settings = new KafkaReadSettings("broker:9093", Duration.ofSeconds(5), SECURITY);
        assertThat(settings.consumerProperties()).containsAllEntriesOf(SECURITY)
                .containsEntry("bootstrap.servers", "broker:9093");
    }
}
