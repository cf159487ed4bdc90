package io.trainstream.cli.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBrokerTest {

    @TempDir
    Path dir;

    @Test
    void aProcessFindingTheDataDirLockedConnectsToTheOwnersBroker() throws Exception {
        Path kafka = dir.resolve("kafka");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), kafka.toString(), "127.0.0.1:45678")
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("locked");

            try (LocalBroker testSubject = LocalBroker.attachOrStart(kafka, 0, Duration.ofSeconds(5))) {
                assertThat(testSubject.ownedHere()).isFalse();
                assertThat(testSubject.bootstrapServers()).isEqualTo("127.0.0.1:45678");
            }
            assertThat(Files.readString(kafka.resolve(LocalBroker.PORT_FILE))).contains("45678");
        } finally {
            owner.getOutputStream().close();
            owner.waitFor();
        }
    }
}
