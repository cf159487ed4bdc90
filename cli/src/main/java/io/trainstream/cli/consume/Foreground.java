package io.trainstream.cli.consume;

import io.trainstream.consumers.kinds.LiveConsumer;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.consumers.runtime.ShutdownHook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps consumers in the foreground: reports their counters at a fixed interval until SIGTERM or
 * Ctrl-C (a JVM shutdown hook closes them: flush, commit, stop) or until one of them fails.
 */
public final class Foreground {

    private final List<LiveConsumer> consumers;
    private final List<AutoCloseable> after;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param consumers the consumers to keep running, closed in this order at shutdown
     * @param after closed after the consumers at shutdown (e.g. the embedded broker)
     */
    public Foreground(List<LiveConsumer> consumers, List<AutoCloseable> after) {
        this.consumers = List.copyOf(consumers);
        this.after = List.copyOf(after);
    }

    /**
     * @param interval how often to report
     * @param report receives each consumer's counters at every interval
     * @return the first consumer's last counters
     * @throws InterruptedException when interrupted while waiting
     */
    public ConsumerStats runUntilStopped(Duration interval, Consumer<ConsumerStats> report) throws InterruptedException {
        List<AutoCloseable> closing = new java.util.ArrayList<>(consumers);
        closing.addAll(after);
        closing.add(stopped::countDown);
        Thread hook = ShutdownHook.install(closing.toArray(AutoCloseable[]::new));
        try {
            while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                boolean failed = false;
                for (LiveConsumer consumer : consumers) {
                    ConsumerStats stats = consumer.stats();
                    report.accept(stats);
                    failed |= stats.state() == ConsumerStats.State.FAILED;
                }
                if (failed) {
                    break;
                }
            }
        } finally {
            if (stopped.getCount() > 0) {
                removeHook(hook);
                consumers.forEach(LiveConsumer::close);
            }
        }
        return consumers.get(0).stats();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
