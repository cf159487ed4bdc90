package io.trainstream.consumers.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** The runtime's counters: written by the runner thread, read by anyone. */
final class Counters {
    final AtomicLong processed = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong missing = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong sinkErrors = new AtomicLong();
    final AtomicLong lag = new AtomicLong(-1);
    final AtomicLong commits = new AtomicLong();

    ConsumerStats snapshot(String name, ConsumerStats.State state) {
        return new ConsumerStats(name, state, processed.get(), duplicates.get(), gaps.get(), missing.get(),
                deadLettered.get(), sinkErrors.get(), lag.get(), commits.get());
    }
}
