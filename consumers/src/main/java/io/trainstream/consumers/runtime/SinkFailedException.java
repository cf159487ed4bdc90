package io.trainstream.consumers.runtime;

/**
 * A sink threw while handling an event and the {@link ErrorHandler} chose to stop. Not retriable by
 * itself: the same event is re-delivered when the consumer restarts.
 */
public class SinkFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String runId;
    private final long seq;

    /**
     * @param sinkName the sink
     * @param event the event it failed on
     * @param cause what it threw
     */
    public SinkFailedException(String sinkName, ConsumedEvent event, Throwable cause) {
        super("consumer " + sinkName + " failed on run " + event.runId() + " seq " + event.seq() + " (" + event.kind()
                + ", partition " + event.partition() + " offset " + event.offset() + "): " + cause, cause);
        this.runId = event.runId();
        this.seq = event.seq();
    }

    /** @return the run of the failing event */
    public String runId() {
        return runId;
    }

    /** @return the seq of the failing event */
    public long seq() {
        return seq;
    }
}
