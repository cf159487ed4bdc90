package io.trainstream.trainer.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnreachableBrokerTest {

    @Test
    void aClosedPortGivesEventLogUnavailableNamingServersAndTimeout() throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(servers).build();
        long start = System.nanoTime();

        EventLogUnavailableException e = catchThrowableOfType(EventLogUnavailableException.class,
                () -> TopicSetup.ensureTopics(config, Duration.ofSeconds(2)));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(servers).contains("2000 ms").doesNotContain("\n");
        assertThat(e.bootstrapServers()).isEqualTo(servers);
        assertThat(millis).isLessThan(6_000);
    }

    @Test
    void openingAPublisherOnAClosedPortFailsTheSameWay() throws IOException {
        KafkaPublisherConfig config = KafkaPublisherConfig.builder("127.0.0.1:" + closedPort()).build();

        assertThat(catchThrowableOfType(EventLogUnavailableException.class, () -> KafkaEventPublisher.open(config, Duration.ofSeconds(2))))
                .isNotNull();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
