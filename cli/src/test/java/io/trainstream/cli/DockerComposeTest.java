package io.trainstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml (no Docker engine here) parses and offers what cli/README.md promises. */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static JsonNode compose;
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        readme = Files.readString(ROOT.resolve("cli").resolve("README.md"));
    }

    private static List<String> texts(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(item -> list.add(item.asText()));
        return list;
    }

    @Test
    void kafkaIsTheOfficialImageInKraftModeOnPort9092ForTheHostAnd19092ForContainers() {
        JsonNode kafka = compose.path("services").path("kafka");
        JsonNode env = kafka.path("environment");

        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(texts(kafka.path("ports"))).contains("9092:9092");
        assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://localhost:9092", "INTERNAL://kafka:19092");
        assertThat(env.path("KAFKA_LISTENERS").asText()).contains(":9092", ":19092", "CONTROLLER://");
        assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(1);
    }

    @Test
    void theTrainerRunsTheCliJarAgainstTheInternalListener() {
        JsonNode trainer = compose.path("services").path("trainer");

        assertThat(trainer.path("environment").path("TRAINSTREAM_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:19092");
        assertThat(texts(trainer.path("command"))).startsWith("train").containsSequence("--bootstrap-servers", "kafka:19092");
        assertThat(texts(trainer.path("entrypoint"))).contains("-jar", "/app/trainstream.jar", "-Dai.djl.offline=true");
        assertThat(texts(trainer.path("volumes"))).anySatisfy(v -> assertThat(v).startsWith("./cli/target/trainstream.jar:"));
        assertThat(trainer.path("depends_on").has("kafka")).isTrue();
    }

    @Test
    void theReadmeNamesEveryServiceAndPort() {
        compose.path("services").fieldNames().forEachRemaining(service -> assertThat(readme).contains("`" + service + "`"));
        assertThat(readme).contains("localhost:9092", "kafka:19092", "docker compose run --rm trainer");
    }
}
