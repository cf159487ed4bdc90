package io.trainstream.trainer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a trainer's run cleanly when the JVM is asked to stop (SIGTERM, Ctrl-C): a shutdown hook calls
 * {@link Trainer#interrupt(String)} and waits, bounded, until the guarded code has left its
 * try-with-resources block, so the run's {@code run_end} (status INTERRUPTED) is written and flushed
 * before the JVM exits. Without it, a signal kills the run mid-step and it stays RUNNING until the next
 * publisher on the cluster marks it CRASHED.
 *
 * <pre>{@code
 * try (InterruptOnShutdown guard = InterruptOnShutdown.install(trainer)) {
 *     trainer.train(trainSet, config);
 * }
 * }</pre>
 */
public final class InterruptOnShutdown implements AutoCloseable {

    /** How long the hook waits for the run to end and its log to flush before the JVM goes on exiting. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean triggered;

    private InterruptOnShutdown(Trainer trainer, Duration grace, Runnable onInterrupt) {
        this.hook = new Thread(() -> {
            triggered = true;
            onInterrupt.run();
            trainer.interrupt("the process was asked to stop (SIGTERM or Ctrl-C)");
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trainstream-interrupt-on-shutdown");
    }

    /**
     * @param trainer the trainer whose run to end on shutdown
     * @return the installed guard; close it when the run is over
     */
    public static InterruptOnShutdown install(Trainer trainer) {
        return install(trainer, DEFAULT_GRACE, () -> { });
    }

    /**
     * @param trainer the trainer whose run to end on shutdown
     * @param grace how long the hook waits for the run to end
     * @param onInterrupt runs first in the hook, e.g. to print a message
     * @return the installed guard; close it when the run is over
     */
    public static InterruptOnShutdown install(Trainer trainer, Duration grace, Runnable onInterrupt) {
        InterruptOnShutdown guard = new InterruptOnShutdown(Objects.requireNonNull(trainer, "trainer"),
                Objects.requireNonNull(grace, "grace"), Objects.requireNonNull(onInterrupt, "onInterrupt"));
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** @return true when the JVM began shutting down while the guard was installed */
    public boolean triggered() {
        return triggered;
    }

    /** Removes the hook, or, when shutdown has begun, lets the waiting hook finish. */
    @Override
    public void close() {
        done.countDown();
        if (!triggered) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutdown began between the check and the removal: the hook sees the latch open
            }
        }
    }
}
