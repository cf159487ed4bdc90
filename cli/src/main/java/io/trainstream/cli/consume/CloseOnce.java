package io.trainstream.cli.consume;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** Closes a resource at most once, whichever of a shutdown hook and the main thread gets there first. */
public final class CloseOnce implements AutoCloseable {

    private final AutoCloseable resource;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param resource what to close */
    public CloseOnce(AutoCloseable resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** Closes the resource the first time; later calls do nothing. */
    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            resource.close();
        }
    }
}
