package io.trainstream.trainer.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The event path's threads run 10 nice levels below the others, read back from /proc. */
class EventPathPriorityTest {

    @Test
    void lowersTheCallingThreadOnly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) && Files.exists(Path.of("/proc/thread-self")));
        CompletableFuture<String> lowered = new CompletableFuture<>();
        CountDownLatch read = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                EventPathPriority.lowerCurrentThread();
                lowered.complete(ownTid());
                read.await();    // alive until its /proc entry was read
            } catch (Exception e) {
                lowered.completeExceptionally(e);
            }
        }, "test-sender");
        sender.start();
        try {
            String tid = lowered.get(10, TimeUnit.SECONDS);
            String mine = ownTid();
            assertThat(EventPathPriority.niceOf(tid)).isEqualTo(EventPathPriority.niceOf(mine) + 10);
        } finally {
            read.countDown();
            sender.join();
        }
    }

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
            assertThat(EventPathPriority.niceOf(tid)).isEqualTo(before + 10);
            // once per thread: a second call leaves it where it is
            EventPathPriority.lowerProducerThreads();
            assertThat(EventPathPriority.niceOf(tid)).isEqualTo(before + 10);
            assertThat(EventPathPriority.niceOf(ownTid())).isEqualTo(before);
        } finally {
            done.countDown();
            io.join();
        }
    }

    private static String ownTid() throws Exception {
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        return self.substring(self.lastIndexOf('/') + 1);
    }
}
