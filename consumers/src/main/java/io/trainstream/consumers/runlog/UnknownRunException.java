package io.trainstream.consumers.runlog;

/** No run with the requested id is in the runs index. */
public class UnknownRunException extends RunLogException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    /**
     * @param runId the id that was asked for
     * @param runsTopic the runs topic that was searched
     */
    public UnknownRunException(String runId, String runsTopic) {
        super("no run '" + runId + "' in the runs index (topic " + runsTopic + ")", null);
        this.runId = runId;
    }

    /**
     * @param runId the id that was asked for
     * @param runsTopic the runs topic that was searched
     * @param eventsTopic the events topic that was scanned as well
     */
    public UnknownRunException(String runId, String runsTopic, String eventsTopic) {
        super("no run '" + runId + "' in the runs index (topic " + runsTopic + ") nor on the events topic " + eventsTopic, null);
        this.runId = runId;
    }

    /** @return the id that was asked for */
    public String runId() {
        return runId;
    }
}
