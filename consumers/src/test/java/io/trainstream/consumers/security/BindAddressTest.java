package io.trainstream.consumers.security;

import io.trainstream.consumers.dashboard.DashboardServer;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.metrics.PrometheusEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard and the metrics endpoint bind 127.0.0.1 unless told otherwise: with their defaults
 * they answer on the loopback address and refuse connections on this machine's other addresses.
 * (The broker's listeners are covered by embedded-broker's own test.)
 */
class BindAddressTest {

    @Test
    void theDashboardListensOnLoopbackOnlyByDefault() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (DashboardServer server = DashboardServer.builder(new DashboardState()).optPort(0).build().start()) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertThat(connects(InetAddress.getLoopbackAddress(), server.port())).isTrue();
            assertThat(connects(external, server.port())).as("reachable on " + external).isFalse();
        }
    }

    @Test
    void theMetricsEndpointListensOnLoopbackOnlyByDefault(@TempDir Path dir) throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(new MetricsConsumer(dir), 0)) {
            assertThat(endpoint.url()).startsWith("http://127.0.0.1:");
            assertThat(connects(InetAddress.getLoopbackAddress(), endpoint.port())).isTrue();
            assertThat(connects(external, endpoint.port())).as("reachable on " + external).isFalse();
        }
    }

    /** @return an IPv4 address of this machine that is not loopback (the test is skipped when there is none) */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        Optional<InetAddress> found = Optional.empty();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            found = nic.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
            if (found.isPresent()) {
                break;
            }
        }
        assumeTrue(found.isPresent(), "no non-loopback IPv4 address on this machine");
        return found.get();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
