package io.trainstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks free ports on 127.0.0.1 and checks that a port can still be bound there. */
final class LocalPorts {

    /** The only address the embedded broker listens on. */
    static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /**
     * Resolves two ports: each non-zero one is kept, each zero one becomes a free port. Both free
     * ports are held open together while picking, so they differ.
     */
    static int[] resolve(int first, int second) {
        try (ServerSocket a = bind(0); ServerSocket b = bind(0)) {
            return new int[] {first == 0 ? a.getLocalPort() : first, second == 0 ? b.getLocalPort() : second};
        } catch (IOException e) {
            throw new UncheckedIOException("could not pick a free port on " + HOST, e);
        }
    }

    /**
     * Picks {@code count} distinct free ports, holding them all open together while picking.
     */
    static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = bind(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not pick " + count + " free ports on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a listening socket we own does not fail in practice
                    }
                }
            }
        }
    }

    /**
     * Tells whether {@code port} can be bound on 127.0.0.1 right now.
     */
    static boolean isFree(int port) {
        try {
            bind(port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks that {@code port} can be bound on 127.0.0.1 right now.
     *
     * @throws BrokerStartException naming the role and address if it is taken
     */
    static void requireFree(String role, int port) {
        try {
            bind(port).close();
        } catch (IOException e) {
            throw new BrokerStartException("the " + role + " port " + HOST + ":" + port
                    + " is already in use (" + e.getMessage() + ")", e);
        }
    }

    /** Binds 127.0.0.1:port (0 = any free port) with SO_REUSEADDR, so a port in TIME_WAIT counts as free. */
    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
