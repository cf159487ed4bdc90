package io.trainstream.consumers.runlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ReadAhead}: order kept, a bounded lead, failures rethrown as they were, no thread left behind. */
@Timeout(30)
class ReadAheadTest {

    @Test
    void itemsOfManyBatchesArriveInOrderOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Integer> seen = new ArrayList<>();
        List<Thread> handlerThreads = new ArrayList<>();

        ReadAhead.<Integer, Integer>drain(3, out -> {
            for (int b = 0; b < 500; b++) {
                out.accept(IntStream.range(b * 7, b * 7 + 7).boxed().toList());
            }
        }, () -> i -> -i, i -> {
            seen.add(-i);
            if (handlerThreads.isEmpty() || handlerThreads.get(handlerThreads.size() - 1) != Thread.currentThread()) {
                handlerThreads.add(Thread.currentThread());
            }
        });

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 3500).boxed().toList());
        assertThat(handlerThreads).containsExactly(caller);
        assertThat(readAheadThreads()).isEmpty();
    }

    @Test
    void theSourceThreadPreparesBatchesWhileTheCallerIsBehindAndHandsThemOverRawWhenItIsIdle() {
        Thread caller = Thread.currentThread();
        java.util.Set<Thread> preparers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> preparerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> seen = new ArrayList<>();

        ReadAhead.<Integer, Integer>drain(4, out -> {
            for (int b = 0; b < 200; b++) {
                out.accept(IntStream.range(b * 10, b * 10 + 10).boxed().toList());
            }
        }, () -> {
            Thread owner = Thread.currentThread();
            preparerThreads.add(owner);
            return i -> {
                assertThat(Thread.currentThread()).as("a preparer stays on the thread it was made for").isSameAs(owner);
                preparers.add(Thread.currentThread());
                return i + 1;
            };
        }, i -> {
            seen.add(i - 1);
            if (i % 10 == 0) {
                // a slow handler: batches pile up, so the source's thread prepares some of them
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 2000).boxed().toList());
        assertThat(preparers).contains(caller).hasSize(2);
        assertThat(preparerThreads).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theSourceRunsAtMostCapacityBatchesAheadOfAHandlerThatIsStuck() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger aheadWhileStuck = new AtomicInteger(-1);
        AtomicInteger handled = new AtomicInteger();

        ReadAhead.<Integer, Integer>drain(2, out -> {
            for (int b = 0; b < 50; b++) {
                out.accept(List.of(b));
                produced.incrementAndGet();
            }
        }, () -> i -> i, i -> {
            if (i == 0) {
                // give the source time to run as far ahead as it can, then look
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                aheadWhileStuck.set(produced.get());
                release.countDown();
            }
            handled.incrementAndGet();
        });

        assertThat(release.await(0, TimeUnit.SECONDS)).isTrue();
        // batch 0 is in hand, two wait in the queue, the fourth is blocked in put(): at most 4 produced
        assertThat(aheadWhileStuck.get()).isBetween(1, 4);
        assertThat(handled.get()).isEqualTo(50);
    }

    @Test
    void aSourceFailureIsRethrownAsItselfAfterTheBatchesBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        RunLogUnavailableException failure = new RunLogUnavailableException("Kafka at x did not answer", null);

        assertThatThrownBy(() -> ReadAhead.<Integer, Integer>drain(4, out -> {
            out.accept(List.of(1, 2));
            out.accept(List.of(3));
            throw failure;
        }, () -> i -> i, seen::add)).isSameAs(failure);

        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(readAheadThreads()).isEmpty();
    }

    @Test
    void aHandlerFailureMidStreamStopsTheSourceAndLeavesNoThread() {
        AtomicInteger produced = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("visitor failed");

        assertThatThrownBy(() -> ReadAhead.<Integer, Integer>drain(2, out -> {
            for (int b = 0; b < 1_000_000; b++) {
                out.accept(List.of(b));
                produced.incrementAndGet();
            }
        }, () -> i -> i, i -> {
            if (i == 10) {
                throw boom;
            }
        })).isSameAs(boom);

        assertThat(readAheadThreads()).isEmpty();
        assertThat(produced.get()).isLessThan(20);
    }

    @Test
    void anInterruptedCallerStopsTheSourceKeepsItsInterruptAndLeavesNoThread() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        CountDownLatch firstHandled = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                ReadAhead.<Integer, Integer>drain(2, out -> {
                    out.accept(List.of(0));
                    // a source that waits for data, as poll() does: interruptible
                    while (true) {
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            throw new RunLogUnavailableException("interrupted poll", e);
                        }
                    }
                }, () -> i -> i, i -> firstHandled.countDown());
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "reader");
        reader.start();
        assertThat(firstHandled.await(10, TimeUnit.SECONDS)).isTrue();

        reader.interrupt();
        reader.join(10_000);

        assertThat(reader.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(RunLogException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(readAheadThreads()).isEmpty();
    }

    @Test
    void aCapacityBelowOneIsRefusedByName() {
        assertThatThrownBy(() -> ReadAhead.<Integer, Integer>drain(0, out -> { }, () -> i -> i, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }

    /** @return live read-ahead threads (the pipeline's thread is joined before drain returns) */
    static List<Thread> readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ReadAhead.THREAD_NAME) && t.isAlive()).toList();
    }
}
