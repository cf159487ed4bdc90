package io.trainstream.trainer.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Kafka producer's I/O thread at a lower CPU priority than the training thread, on Linux: a higher nice value per thread, set with {@code renice}
 * on the thread's id (Java has no API for it, and raising one's own nice value needs no privilege).
 *
 * <p>Why: on a 2-core machine the event path's threads and the training thread are often runnable at
 * once, and the scheduler then time-slices the training thread's core between them; the training
 * thread's CPU per epoch did not rise with publishing on, its wall time did (bench overhead, quiet:
 * training-thread CPU ON ÷ OFF 0.98, wall 1.24). At nice 10 a waking I/O thread no longer preempts the
 * training thread, and gets a tenth of a contended core; with a core to spare nothing changes. Under
 * contention only delivery waits (acknowledgements come later; the outbox holds the events meanwhile).
 * The publisher's sender thread is left alone on purpose: it writes the events ahead to the outbox, and
 * at nice 10 on a saturated machine it held them in memory long enough that a trainer killed in its
 * first second had written none (TrainerKilledTest, 2 of 8 runs).
 *
 * <p>The {@code renice} runs on a short-lived thread of its own: a process spawn takes milliseconds, and the
 * sender must not wait for it before it writes the first events ahead to the outbox (a trainer killed in
 * its first second had otherwise written none).
 *
 * <p>System property {@value #PROPERTY}: the nice increment, default 10; 0 leaves priorities alone.
 * Elsewhere than Linux, or without {@code renice}, this does nothing.
 */
final class EventPathPriority {

    static final String PROPERTY = "trainstream.event-path.nice";
    /** What Linux shows of the producer's I/O thread name, {@code kafka-producer-network-thread | ...}. */
    static final String PRODUCER_THREAD_COMM = "kafka-producer-";

    private static final Logger LOG = LoggerFactory.getLogger(EventPathPriority.class);
    private static final Path RENICE = Path.of("/usr/bin/renice");
    /**
     * Threads already lowered: each is reniced once, because POSIX defines {@code renice -n} as an increment
     * (util-linux 2.38, on Debian 12, sets the value instead; a second call would be harmless there only).
     */
    private static final Set<String> LOWERED = new HashSet<>();
    /** One thread at most, gone after a second idle: the renice calls wait there, never on the event path. */
    private static final ThreadPoolExecutor WORKER = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "trainstream-priority");
                thread.setDaemon(true);
                return thread;
            });

    private EventPathPriority() {}

    /** Lowers the priority of this process's Kafka producer I/O threads not lowered yet. */
    static void lowerProducerThreads() {
        WORKER.execute(EventPathPriority::lowerProducerThreadsNow);
    }

    private static void lowerProducerThreadsNow() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(PRODUCER_THREAD_COMM)) {
                        found.add(task.getFileName().toString());
                    }
                } catch (IOException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("producer threads keep their priority: {}", e.toString());
            return;
        }
        lower(found);
    }

    private static void lower(List<String> tids) {
        int nice = Integer.getInteger(PROPERTY, 10);
        if (nice <= 0 || !Files.isExecutable(RENICE)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(RENICE.toString(), "-n", Integer.toString(nice), "-p"));
        int base = command.size();
        synchronized (LOWERED) {
            for (String tid : tids) {
                if (LOWERED.add(tid)) {
                    command.add(tid);
                }
            }
        }
        if (command.size() == base) {
            return;
        }
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.debug("event path keeps its priority: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
