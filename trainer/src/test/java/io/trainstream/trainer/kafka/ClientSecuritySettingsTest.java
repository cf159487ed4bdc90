package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka client security settings (SASL, TLS) given as producer overrides reach every client the
 * publisher builds: its producers ({@link ProducerSettings}) and the admin client that creates the
 * topics ({@link TopicSetup}). No TLS broker needed: this checks the config building, and that Kafka's
 * own config classes accept the result.
 */
class ClientSecuritySettingsTest {

    static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"trainer\" password=\"s3cret\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    private static KafkaPublisherConfig config() {
        KafkaPublisherConfig.Builder builder = KafkaPublisherConfig.builder("broker:9093");
        SECURITY.forEach(builder::addProducerOverride);
        return builder.build();
    }

    @Test
    void theProducersGetEverySecuritySetting() {
        Map<String, Object> props = ProducerSettings.of(config(), "client-1");
        assertThat(props).containsAllEntriesOf(SECURITY);
        assertThat(new ProducerConfig(withSerializers(props)).getString("security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void theTopicSetupAdminClientGetsEverySecuritySetting() {
        Map<String, Object> props = TopicSetup.adminSettings(config(), Duration.ofSeconds(5));
        assertThat(props).containsAllEntriesOf(SECURITY);
        assertThat(new AdminClientConfig(props).getString("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    private static Map<String, Object> withSerializers(Map<String, Object> props) {
        Map<String, Object> out = new java.util.HashMap<>(props);
        out.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
        out.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        return out;
    }
}
