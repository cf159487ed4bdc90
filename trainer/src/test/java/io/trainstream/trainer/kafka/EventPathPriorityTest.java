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
            int before = niceOf(tid);
            EventPathPriority.lowerProducerThreads();
            assertThat(eventualNiceOf(tid, before + 10)).isEqualTo(before + 10);
            assertThat(niceOf(ownTid())).as("other threads keep theirs").isEqualTo(before);
        } finally {
            done.countDown();
            io.join();
        }
    }

    /** The renice runs on a thread of its own: wait for it, up to 10 s. */
    private static int eventualNiceOf(String tid, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int nice = niceOf(tid);
        while (nice != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            nice = niceOf(tid);
        }
        return nice;
    }

    /** The nice value of thread {@code tid} of this process: field 19 of its stat, after the parenthesised name. */
    private static int niceOf(String tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    private static String ownTid() throws Exception {
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        return self.substring(self.lastIndexOf('/') + 1);
    }
}
