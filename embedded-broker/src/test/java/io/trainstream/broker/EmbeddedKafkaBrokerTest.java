package io.trainstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Nested
    @ExtendWith(EmbeddedKafkaExtension.class)
    class WhenRunning {

        @Test
        void recordsSentByAProducerAreReadByAConsumer(EmbeddedKafkaBroker testSubject) throws Exception {
            List<String> sent = List.of("one", "two", "three");

            Records.send(testSubject.bootstrapServers(), "round-trip", sent);

            assertThat(Records.read(testSubject.bootstrapServers(), "round-trip", 3, READ_TIMEOUT))
                    .containsExactlyElementsOf(sent);
        }

        @Test
        void aTransactionalProducerCommitsOnTheSingleNode(EmbeddedKafkaBroker testSubject) {
            Records.sendInTransaction(testSubject.bootstrapServers(), "transactions", List.of("a", "b"));

            assertThat(Records.read(testSubject.bootstrapServers(), "transactions", 2, READ_TIMEOUT))
                    .containsExactly("a", "b");
        }

        @Test
        void clientsAreToldToConnectTo127001(EmbeddedKafkaBroker testSubject) throws Exception {
            Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, testSubject.bootstrapServers());
            try (Admin admin = Admin.create(config)) {
                Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);

                assertThat(testSubject.bootstrapServers()).isEqualTo("127.0.0.1:" + testSubject.brokerPort());
                assertThat(nodes).singleElement()
                        .satisfies(node -> assertThat(node.host()).isEqualTo("127.0.0.1"))
                        .satisfies(node -> assertThat(node.port()).isEqualTo(testSubject.brokerPort()));
            }
        }

        @Test
        void bothListenersAreBoundToLoopbackOnly(EmbeddedKafkaBroker testSubject) throws Exception {
            assumeTrue(ListeningSockets.available(), "needs Linux /proc/net/tcp");

            for (int port : new int[] {testSubject.brokerPort(), testSubject.controllerPort()}) {
                assertThat(ListeningSockets.addressesListeningOn(port))
                        .as("addresses listening on port %d", port)
                        .isNotEmpty()
                        .allMatch(address -> List.of(ListeningSockets.IPV4_LOOPBACK,
                                ListeningSockets.IPV4_MAPPED_LOOPBACK, ListeningSockets.IPV6_LOOPBACK).contains(address));
            }
        }
    }

    @Test
    void recordsProducedBeforeAStopAreReadAfterARestartOnTheSamePort(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker testSubject = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dataDir).build())) {
            testSubject.start();
            String bootstrapServers = testSubject.bootstrapServers();
            Records.send(bootstrapServers, "survivors", List.of("before-1", "before-2"));

            testSubject.stop();
            assertThat(testSubject.isRunning()).isFalse();
            testSubject.start();

            assertThat(testSubject.isRunning()).isTrue();
            assertThat(testSubject.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(Records.read(bootstrapServers, "survivors", 2, READ_TIMEOUT))
                    .containsExactly("before-1", "before-2");
        }
    }

    @Test
    void aDataDirThatCannotBeCreatedIsReportedWithItsPath(@TempDir Path tempDir) throws Exception {
        Path regularFile = Files.createFile(tempDir.resolve("a-file"));
        Path dataDir = regularFile.resolve("data");
        EmbeddedKafkaBroker testSubject = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dataDir).build());

        assertThatThrownBy(testSubject::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining(dataDir.toString())
                .hasMessageContaining("not writable");
        assertThat(testSubject.isRunning()).isFalse();
    }

    @Test
    void aBrokerPortInUseIsReportedWithItsAddress(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            EmbeddedKafkaBroker testSubject = new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.builder(dataDir).optBrokerPort(taken.getLocalPort()).build());

            assertThatThrownBy(testSubject::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void thePortsOfABrokerThatNeverStartedAreNotKnownYet(@TempDir Path dataDir) {
        EmbeddedKafkaBroker testSubject = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dataDir).build());

        assertThatThrownBy(testSubject::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }
}
