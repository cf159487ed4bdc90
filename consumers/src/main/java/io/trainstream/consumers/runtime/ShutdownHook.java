package io.trainstream.consumers.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Closes runners (and then their sinks) on SIGTERM or Ctrl-C. */
public final class ShutdownHook {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);

    private ShutdownHook() {
    }

    /**
     * Registers a JVM shutdown hook that closes the given resources in order (runners before the sinks
     * they drive). A runner's {@code close()} flushes its sink and commits, bounded by its close timeout.
     *
     * @param resources what to close, in order
     * @return the hook thread, for {@link Runtime#removeShutdownHook(Thread)}
     */
    public static Thread install(AutoCloseable... resources) {
        List<AutoCloseable> ordered = List.of(resources);
        Thread hook = new Thread(() -> {
            for (AutoCloseable resource : ordered) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("shutdown: closing {} failed: {}", resource, e.toString());
                }
            }
        }, "trainstream-consumers-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
