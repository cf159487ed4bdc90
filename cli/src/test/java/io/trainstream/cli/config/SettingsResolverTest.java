package io.trainstream.cli.config;

import io.trainstream.cli.CliEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsResolverTest {

    @TempDir
    Path dir;

    private static CommonOptions flags(String... args) {
        CommonOptions options = new CommonOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private CliEnvironment env(Map<String, String> variables) {
        return new CliEnvironment(variables, dir);
    }

    @Test
    void withNothingGivenTheDefaultsApplyAndTheEmbeddedBrokerIsUsed() {
        CliSettings settings = SettingsResolver.resolve(flags(), env(Map.of()));

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.eventsTopic()).isEqualTo("trainstream.events");
        assertThat(settings.runsTopic()).isEqualTo("trainstream.runs");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.embeddedDataDir()).isEqualTo(dir.resolve(".trainstream").resolve("kafka"));
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("ts.properties"),
                "bootstrap-servers=file:1\nevents-topic=file.events\nruns-topic=file.runs\nproducer.linger.ms=7\n");
        Map<String, String> variables = Map.of("TRAINSTREAM_CONFIG", config.toString(),
                "TRAINSTREAM_BOOTSTRAP_SERVERS", "env:1", "TRAINSTREAM_EVENTS_TOPIC", "env.events", "TRAINSTREAM_HOME", "/tmp/tshome");

        CliSettings settings = SettingsResolver.resolve(flags("--bootstrap-servers", "flag:1"), env(variables));

        assertThat(settings.bootstrapServers()).isEqualTo("flag:1");
        assertThat(settings.eventsTopic()).isEqualTo("env.events");
        assertThat(settings.runsTopic()).isEqualTo("file.runs");
        assertThat(settings.kafkaOverrides()).containsEntry("linger.ms", "7");
        assertThat(settings.home()).isEqualTo(Path.of("/tmp/tshome"));
    }

    @Test
    void aJsonConfigFileWithANestedProducerObjectIsRead() throws IOException {
        Path config = Files.writeString(dir.resolve("ts.json"),
                "{\"bootstrap-servers\": \"json:1\", \"connect-timeout\": 4, \"producer\": {\"compression.type\": \"lz4\"}}");

        CliSettings settings = SettingsResolver.resolve(flags("--config", config.toString()), env(Map.of()));

        assertThat(settings.bootstrapServers()).isEqualTo("json:1");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.kafkaOverrides()).containsEntry("compression.type", "lz4");
    }

    @Test
    void kafkaSettingsComeFromPrefixedEnvironmentVariables() {
        CliSettings settings = SettingsResolver.resolve(flags(), env(Map.of("TRAINSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL")));

        assertThat(settings.kafkaOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void badFilesAndValuesNameTheFileAndTheKey() throws IOException {
        Path unknown = Files.writeString(dir.resolve("a.properties"), "bootstrap.servers=x:1\n");
        Path badNumber = Files.writeString(dir.resolve("b.json"), "{\"connect-timeout\": \"soon\"}");
        Path badJson = Files.writeString(dir.resolve("c.json"), "{\"runs-topic\": ");
        Path missing = dir.resolve("none.json");

        assertThatThrownBy(() -> SettingsResolver.resolve(flags("--config", unknown.toString()), env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(unknown.toString()).hasMessageContaining("'bootstrap.servers'");
        assertThatThrownBy(() -> SettingsResolver.resolve(flags("--config", badNumber.toString()), env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(badNumber + ": key 'connect-timeout'");
        assertThatThrownBy(() -> SettingsResolver.resolve(flags("--config", badJson.toString()), env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(badJson + ": not valid JSON");
        assertThatThrownBy(() -> SettingsResolver.resolve(flags("--config", missing.toString()), env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessage("config file " + missing + ": no such file");
        assertThatThrownBy(() -> SettingsResolver.resolve(flags(), env(Map.of("TRAINSTREAM_CONNECT_TIMEOUT", "x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TRAINSTREAM_CONNECT_TIMEOUT");
    }
}
