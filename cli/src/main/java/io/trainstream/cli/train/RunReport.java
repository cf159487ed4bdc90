package io.trainstream.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.broker.EventLog;

import java.io.PrintWriter;
import java.util.TreeMap;

/** The closing lines of a training command: model, final metrics, where the events are; a failure line when some were lost. */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return deliveryCode(err, command, run);
    }

    /**
     * Prints the result as one JSON object, the only thing on stdout with {@code --json}: run_id, model,
     * train_size, eval_size, epochs, restored_epoch (0: the last), metrics {name: value}, events, events_topic.
     *
     * @param out standard output
     * @param err standard error
     * @param command the command's name, for the failure line
     * @param run the finished run
     * @param runId its id
     * @param log where its events went
     * @return as {@link #print}
     */
    public static int printJson(PrintWriter out, PrintWriter err, String command, TrainingJob.Published run, String runId,
            EventLog log) {
        TrainResult result = run.result();
        ObjectNode json = JSON.createObjectNode()
                .put("run_id", runId)
                .put("model", result.model())
                .put("train_size", result.trainSize())
                .put("eval_size", result.evalSize())
                .put("epochs", result.epochs())
                .put("restored_epoch", result.restoredEpoch());
        ObjectNode metrics = json.putObject("metrics");
        new TreeMap<>(result.metrics()).forEach((name, value) -> {
            if (Double.isFinite(value)) {
                metrics.put(name, value);
            } else {
                metrics.putNull(name);
            }
        });
        json.put("events", run.report().delivered()).put("events_topic", log.settings().eventsTopic());
        out.println(json);
        out.flush();
        return deliveryCode(err, command, run);
    }

    private static int deliveryCode(PrintWriter err, String command, TrainingJob.Published run) {
        if (!run.report().allDelivered()) {
            err.println("trainstream " + command + ": not every event reached the log: " + run.report().message());
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
