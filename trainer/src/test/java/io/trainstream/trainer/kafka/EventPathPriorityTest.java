package io.trainstream.trainer.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The producer's I/O threads run 10 nice levels below the others, read back from /proc. */
class EventPathPriorityTest {

    @Test
    void lowersThreadsNamedLikeTheProducersIoThread() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) && Files.exists(Path.of("/proc/thread-self")));
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<String> started = new CompletableFuture<>();
        Thread io = new Thread(() -> {
            try {
                started.complete(ownTid());
                done.await();
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        }, "kafka-producer-network-thread | priority-test");
        io.start();
        try {
            String tid = started.get(10, TimeUnit.SECONDS);
            int before = EventPathPriority.niceOf(tid);
            EventPathPriority.lowerProducerThreads();
            assertThat(eventualNiceOf(tid, before + 10)).isEqualTo(before + 10);
            // once per thread: a second call leaves it where it is
            EventPathPriority.lowerProducerThreads();
            Thread.sleep(300);
            assertThat(EventPathPriority.niceOf(tid)).isEqualTo(before + 10);
            assertThat(EventPathPriority.niceOf(ownTid())).isEqualTo(before);
        } finally {
            done.countDown();
            io.join();
        }
    }

    /** The renice runs on a thread of its own: wait for it, up to 10 s. */
    private static int eventualNiceOf(String tid, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int nice = EventPathPriority.niceOf(tid);
        while (nice != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            nice = EventPathPriority.niceOf(tid);
        }
        return nice;
    }

    private static String ownTid() throws Exception {
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        return self.substring(self.lastIndexOf('/') + 1);
    }
}
