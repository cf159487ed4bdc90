package io.trainstream.consumers.runlog;

import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.RunEvent;

import java.util.List;
import java.util.Objects;

/**
 * One run's events as read from the log.
 *
 * @param summary the run's summary from the runs index, which said where to read
 * @param events the run's typed events in seq order, each seq once (events of a kind this version does not
 *     know are left out, their seqs not counted as missing)
 * @param undecodable how many of the run's records could not be decoded, or whose payload did not fit
 *     their type (skipped)
 * @param missingSeqs how many seq numbers between 0 and the highest seq read are missing
 */
public record RunLog(RunSummary summary, List<RunEvent> events, int undecodable, long missingSeqs) {

    /** Validates and copies. */
    public RunLog {
        Objects.requireNonNull(summary, "summary");
        events = List.copyOf(events);
        if (undecodable < 0 || missingSeqs < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** @return true when every seq from 0 to the last one read is present and every record decoded */
    public boolean isComplete() {
        return undecodable == 0 && missingSeqs == 0;
    }
}
