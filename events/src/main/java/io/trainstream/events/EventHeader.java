package io.trainstream.events;

import java.util.Objects;

/**
 * What every event of a run carries besides its own fields: which run, where in the run's log, when,
 * from which process, and where the run was (epoch, optimizer updates, batch index).
 *
 * @param runId the run the event belongs to; not blank
 * @param seq position in the run's log, contiguous from 0
 * @param timeMillis wall-clock time the event was raised, epoch milliseconds
 * @param processIndex index of the publishing process in a distributed run, 0 otherwise
 * @param processCount number of processes of the run, 1 when not distributed
 * @param host the publishing host
 * @param epoch the run history's current epoch (1-based) when raised
 * @param globalStep optimizer updates completed in the run when raised
 * @param step 0-based batch index in the epoch for the events that have one, else null
 */
public record EventHeader(String runId, long seq, long timeMillis, int processIndex, int processCount, String host,
        int epoch, long globalStep, Integer step) {

    /** Checks every field; a bad one fails with a message naming it and its value. */
    public EventHeader {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(host, "host");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("event header: runId must not be blank");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("event header of run " + runId + ": seq must be >= 0, was " + seq);
        }
        if (processCount < 1 || processIndex < 0 || processIndex >= processCount) {
            throw new IllegalArgumentException("event header of run " + runId + " seq " + seq + ": process "
                    + processIndex + " of " + processCount + " is not a process of the run");
        }
        if (epoch < 0 || globalStep < 0 || (step != null && step < 0)) {
            throw new IllegalArgumentException("event header of run " + runId + " seq " + seq
                    + ": epoch, global step and step must be >= 0, were " + epoch + ", " + globalStep + ", " + step);
        }
    }

    /**
     * A header of a single-process run.
     *
     * @param runId the run
     * @param seq position in the run's log
     * @param timeMillis when the event was raised
     * @param host the publishing host
     * @param epoch the run history's epoch
     * @param globalStep optimizer updates so far
     * @param step batch index, or null
     * @return process 0 of 1
     */
    public static EventHeader of(String runId, long seq, long timeMillis, String host, int epoch, long globalStep,
            Integer step) {
        return new EventHeader(runId, seq, timeMillis, 0, 1, host, epoch, globalStep, step);
    }

    /**
     * @param newHost the host to name
     * @return this header with another host (this one when it already names it)
     */
    public EventHeader withHost(String newHost) {
        return host.equals(newHost) ? this
                : new EventHeader(runId, seq, timeMillis, processIndex, processCount, newHost, epoch, globalStep, step);
    }
}
