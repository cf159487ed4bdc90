package io.trainstream.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the local addresses of the TCP sockets listening on a port from Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}, as the kernel's hex strings.
 */
final class ListeningSockets {

    /** 127.0.0.1 in /proc/net/tcp (little-endian hex). */
    static final String IPV4_LOOPBACK = "0100007F";
    /** ::ffff:127.0.0.1 in /proc/net/tcp6, as Java's dual-stack sockets bind it. */
    static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";
    /** ::1 in /proc/net/tcp6. */
    static final String IPV6_LOOPBACK = "00000000000000000000000001000000";

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether this system exposes /proc/net/tcp. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The hex local addresses of the sockets listening on {@code port}, over IPv4 and IPv6. */
    static List<String> addressesListeningOn(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] fields = line.trim().split("\\s+");
                // fields: sl local_address rem_address st ...
                if (fields.length > 3 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + hexPort)) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }
}
