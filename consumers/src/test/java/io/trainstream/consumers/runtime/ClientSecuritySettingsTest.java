package io.trainstream.consumers.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka client security settings (SASL, TLS) given as client overrides reach every consumer config
 * the runner builds for its consumer ({@link ConsumerSettings}); the run-log reader's consumer is
 * checked in {@code runlog.KafkaReadSecuritySettingsTest}. No TLS broker needed: this checks the
 * config building.
 */
class ClientSecuritySettingsTest {

    static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"trainer\" password=\"s3cret\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @Test
    void theRunnersConsumerGetsEverySecuritySetting() {
        RunnerConfig config = RunnerConfig.builder("broker:9093").optTopic("events")
                .addClientOverrides(SECURITY).build();
        Map<String, Object> props = ConsumerSettings.of(config, "group-1");
        assertThat(props).containsAllEntriesOf(SECURITY).containsEntry("bootstrap.servers", "broker:9093");
    }
}
