package io.trainstream.consumers.kinds;

import io.trainstream.consumers.runtime.ConsumerStats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConsumerKind#redrive} did.
 *
 * @param kind the re-driven kind
 * @param stats the dispatcher's counters (events handed to the sink, duplicates, gaps)
 * @param output the file or directory holding the run's output, empty when the run left none
 */
public record Redriven(ConsumerKind kind, ConsumerStats stats, Optional<Path> output) {

    /** Checks the fields. */
    public Redriven {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(output, "output");
    }
}
