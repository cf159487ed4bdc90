package io.trainstream.trainer.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this machine, as written into events and run summaries. */
public final class LocalHost {

    private static volatile String cached;

    private LocalHost() {}

    /** @return the local host name; {@code HOSTNAME} or {@code "localhost"} when it cannot be resolved */
    public static String name() {
        String name = cached;
        if (name == null) {
            name = resolve();
            cached = name;
        }
        return name;
    }

    private static String resolve() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
