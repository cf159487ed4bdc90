package io.trainstream.cli.config;

import io.trainstream.cli.CliEnvironment;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka client security settings (SASL, TLS) given to the CLI as {@code TRAINSTREAM_KAFKA_*}
 * environment variables or in the config file's {@code producer} object reach the publisher's config
 * (producer overrides) and the consumer runners' config (client overrides) that the CLI builds from
 * them. The trainer's and the consumers' own tests check that those overrides reach every client.
 */
class KafkaSecuritySettingsTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"trainer\" password=\"s3cret\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @TempDir
    Path dir;

    @Test
    void securitySettingsFromTheEnvironmentReachPublisherAndConsumerConfigs() {
        CliSettings settings = SettingsResolver.resolve(flags(), new CliEnvironment(Map.of(
                "TRAINSTREAM_BOOTSTRAP_SERVERS", "broker:9093",
                "TRAINSTREAM_KAFKA_SECURITY_PROTOCOL", EXPECTED.get("security.protocol"),
                "TRAINSTREAM_KAFKA_SASL_MECHANISM", EXPECTED.get("sasl.mechanism"),
                "TRAINSTREAM_KAFKA_SASL_JAAS_CONFIG", EXPECTED.get("sasl.jaas.config"),
                "TRAINSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", EXPECTED.get("ssl.truststore.location")), dir));

        assertReachesEveryConfig(settings);
    }

    @Test
    void securitySettingsFromTheConfigFileReachPublisherAndConsumerConfigs() throws IOException {
        Path config = Files.writeString(dir.resolve("ts.json"), "{\"bootstrap-servers\": \"broker:9093\", \"producer\": {"
                + "\"security.protocol\": \"SASL_SSL\", \"sasl.mechanism\": \"SCRAM-SHA-512\","
                + " \"sasl.jaas.config\": \"org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\\\"trainer\\\" password=\\\"s3cret\\\";\","
                + " \"ssl.truststore.location\": \"/etc/kafka/truststore.jks\"}}");

        CliSettings settings = SettingsResolver.resolve(flags("--config", config.toString()),
                new CliEnvironment(Map.of(), dir));

        assertReachesEveryConfig(settings);
    }

    private static void assertReachesEveryConfig(CliSettings settings) {
        assertThat(settings.kafkaOverrides()).containsAllEntriesOf(EXPECTED);
        KafkaPublisherConfig publisher = KafkaPublisherConfig.builder(settings.bootstrapServers())
                .addProducerOverrides(settings.kafkaOverrides()).build();
        assertThat(publisher.producerOverrides()).containsAllEntriesOf(EXPECTED);
        RunnerConfig runner = RunnerConfig.builder(settings.bootstrapServers()).optTopic(settings.eventsTopic())
                .addClientOverrides(settings.kafkaOverrides()).build();
        assertThat(runner.clientOverrides()).containsAllEntriesOf(EXPECTED);
    }

    private static CommonOptions flags(String... args) {
        CommonOptions options = new CommonOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
