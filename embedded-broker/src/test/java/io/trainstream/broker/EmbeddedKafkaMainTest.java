package io.trainstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainTest {

    @Test
    void aBrokerProcessPrintsItsAddressServesClientsAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EmbeddedKafkaMain.class.getName(), "--data-dir", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String address = firstLineStartingWith(stdout, "bootstrap.servers=");

            assertThat(address).matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+");
            String bootstrapServers = address.substring(address.indexOf('=') + 1);
            Records.send(bootstrapServers, "out-of-process", List.of("hello"));
            assertThat(Records.read(bootstrapServers, "out-of-process", 1, Duration.ofSeconds(30)))
                    .containsExactly("hello");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingDataDirIsABadCommandLine() {
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--port", "9092"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data-dir");
    }

    @Test
    void anUnknownOptionIsABadCommandLine() {
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--bogus"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --bogus");
    }

    @Test
    void portsAreReadFromTheCommandLine() {
        EmbeddedKafkaConfig testSubject = EmbeddedKafkaMain.parse(
                new String[] {"--data-dir", "d", "--port", "19092", "--controller-port", "19093"});

        assertThat(testSubject.brokerPort()).isEqualTo(19092);
        assertThat(testSubject.controllerPort()).isEqualTo(19093);
    }

    private static String firstLineStartingWith(BufferedReader reader, String prefix) throws Exception {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the process ended without printing " + prefix);
    }
}
