package io.trainstream.consumers.runlog;

import io.trainstream.schemas.avro.RunSummary;

import java.util.Objects;

/**
 * What {@link RunLogReader#stream} read of one run: the events themselves went to the caller one by
 * one and were not kept.
 *
 * @param summary the run's summary, which said where to read
 * @param events how many events were handed over (each seq once, in seq order)
 * @param undecodable how many of the run's records could not be decoded (skipped)
 * @param missingSeqs how many seq numbers between 0 and the highest seq handed over never appeared
 * @param duplicates records of a seq already handed over (resends; dropped)
 * @param late records of a seq that was missing when a later seq was handed over: they came out of
 *     order, so a stream cannot hand them over in seq order (dropped, counted, logged; the collecting
 *     {@link RunLogReader#read} slots them in)
 */
public record StreamedRun(RunSummary summary, long events, int undecodable, long missingSeqs, long duplicates,
        long late) {

    /** Validates. */
    public StreamedRun {
        Objects.requireNonNull(summary, "summary");
        if (events < 0 || undecodable < 0 || missingSeqs < 0 || duplicates < 0 || late < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** @return true when every seq from 0 to the last one read was handed over and every record decoded */
    public boolean isComplete() {
        return undecodable == 0 && missingSeqs == 0 && late == 0;
    }
}
