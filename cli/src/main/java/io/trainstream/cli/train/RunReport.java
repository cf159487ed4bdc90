package io.trainstream.cli.train;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.broker.EventLog;

import java.io.PrintWriter;

/** The closing lines of a training command: model, final metrics, where the events are; a failure line when some were lost. */
public final class RunReport {

    private RunReport() {
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param command the command's name, for the failure line
     * @param run the finished run
     * @param runId its id
     * @param log where its events went
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#FAILURE} when not every event reached the log
     */
    public static int print(PrintWriter out, PrintWriter err, String command, TrainingJob.Published run, String runId, EventLog log) {
        out.println();
        run.result().print(out);
        out.println("events: " + run.report().delivered() + " events of run " + runId + " in topic " + log.settings().eventsTopic()
                + " on " + log.describe());
        out.println("see them with: trainstream events " + runId + "    (all runs: trainstream runs)");
        out.flush();
        if (!run.report().allDelivered()) {
            err.println("trainstream " + command + ": not every event reached the log: " + run.report().message());
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
