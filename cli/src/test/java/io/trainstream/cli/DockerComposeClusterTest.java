package io.trainstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml's "cluster" profile (no Docker engine here): three KRaft brokers that form one quorum. */
class DockerComposeClusterTest {

    private static final Path COMPOSE = Path.of("..").toAbsolutePath().normalize().resolve("docker-compose.yml");

    @Test
    void threeBrokersFormOneQuorumWithReplicationThreeAndMinIsrTwo() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services");
        List<String> hostPorts = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            JsonNode broker = services.path("kafka-" + id);
            JsonNode env = broker.path("environment");

            assertThat(broker.path("image").asText()).isEqualTo("apache/kafka:4.2.1");
            assertThat(broker.path("profiles").get(0).asText()).isEqualTo("cluster");
            assertThat(env.path("KAFKA_NODE_ID").asInt()).isEqualTo(id);
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("INTERNAL://kafka-" + id + ":19092");
            assertThat(env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("CLUSTER_ID").asText()).as("one cluster id for all three").isNotBlank();
            broker.path("ports").forEach(p -> hostPorts.add(p.asText()));
        }
        assertThat(hostPorts).containsExactly("29092:9092", "39092:9092", "49092:9092");
        JsonNode trainer = services.path("cluster-trainer");
        assertThat(trainer.path("environment").path("TRAINSTREAM_BOOTSTRAP_SERVERS").asText())
                .isEqualTo("kafka-1:19092,kafka-2:19092,kafka-3:19092");
        assertThat(trainer.path("depends_on").has("kafka-3")).isTrue();
    }

    @Test
    void theSingleBrokerServicesStayOutsideTheClusterProfile() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services");

        assertThat(services.path("kafka").has("profiles")).isFalse();
        assertThat(services.path("trainer").has("profiles")).isFalse();
    }
}
