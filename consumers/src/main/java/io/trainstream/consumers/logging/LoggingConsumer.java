package io.trainstream.consumers.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainstream.consumers.runtime.CheckpointedFile;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.schemas.text.TerminalText;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The seed's {@code LogMetricsCallback} as a consumer. It keeps each run's latest metric values from
 * {@code metric_update} events (a {@code metric_deleted} removes one, a {@code history_reset} clears
 * them) and at {@code train_epoch_end} logs every metric whose name contains {@code "train"}, at
 * {@code eval_epoch_end} every other one, in name order (including metrics that callbacks recorded
 * right after that event, see {@link #handle}): to {@link #logMetrics} (by default the console,
 * {@code [run] epoch N name: value}) and to {@code <dir>/<name>.jsonl}, one object per metric:
 * {@code {"run_id","seq","epoch","event","name","value"}} with NaN and infinities as strings.
 *
 * <p>Exactly once: the JSON-lines file and the per-run state ({@code <dir>/<name>.state.json}) are
 * checkpointed together at each {@link #flush()}; on start the file is cut back to the checkpoint and
 * the runner re-delivers only events after each run's checkpointed seq. {@link #logMetrics} is called
 * once per event between checkpoints, so at least once across crashes: external loggers can use
 * (run id, seq) from {@link LogTrigger} to stay idempotent.
 *
 * <p>Not thread-safe: driven by one runner thread.
 */
public class LoggingConsumer implements EventSink {

    /** Default name, hence consumer group {@code trainstream.logging}. */
    public static final String DEFAULT_NAME = "logging";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final PrintStream console;
    private final Path stateFile;
    private final LogState state;
    private final CheckpointedFile output;

    /**
     * A consumer named {@value #DEFAULT_NAME} printing to {@code System.out}.
     *
     * @param outputDir where {@code logging.jsonl} and its state file live (created when missing)
     */
    public LoggingConsumer(Path outputDir) {
        this(outputDir, DEFAULT_NAME, System.out);
    }

    /**
     * @param outputDir where {@code <name>.jsonl} and its state file live (created when missing)
     * @param name the consumer's name (consumer group {@code trainstream.<name>})
     * @param console where the default {@link #logMetrics} prints
     */
    public LoggingConsumer(Path outputDir, String name, PrintStream console) {
        this.name = Objects.requireNonNull(name, "name");
        this.console = Objects.requireNonNull(console, "console");
        this.stateFile = outputDir.resolve(name + ".state.json");
        this.state = LogState.load(stateFile);
        this.output = new CheckpointedFile(outputDir.resolve(name + ".jsonl"), state.outputLength);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** Replays are accepted: a replayed event at or below a run's checkpointed seq is never handed over. */
    @Override
    public boolean supportsReplay() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public long lastDurableSeq(String runId) {
        LogState.Run run = state.runs.get(runId);
        return run == null ? -1 : run.lastSeq;
    }

    /** {@inheritDoc} */
    @Override
    public void handle(ConsumedEvent consumed) {
        RunEvent event = consumed.event();
        LogState.Run run = state.runs.computeIfAbsent(event.runId(), id -> new LogState.Run());
        if (run.pending != null && !isMetricChange(event.kind())) {
            log(run, run.pending);
            run.pending = null;
        }
        track(run, event);
        run.lastSeq = event.seq();
    }

    /**
     * Notes what the log lines need from one event; a switch expression over every kind (no default), so
     * the compiler reports a new kind.
     *
     * @return whether the event changed what this consumer holds for the run
     */
    private static boolean track(LogState.Run run, RunEvent event) {
        return switch (event.kind()) {
            case RUN_START -> {
                run.name = ((RunStart) event.body()).runName();
                yield true;
            }
            case METRIC_UPDATE -> {
                EventBody.MetricUpdate update = (EventBody.MetricUpdate) event.body();
                run.latest.put(update.name(), update.value());
                yield true;
            }
            case METRIC_DELETED -> run.latest.remove(((EventBody.MetricDeleted) event.body()).name()) != null;
            case HISTORY_RESET -> {
                run.latest.clear();
                yield true;
            }
            case TRAIN_EPOCH_END, EVAL_EPOCH_END -> {
                run.pending = new LogTrigger(event.runId(), run.name, event.epoch(), event.name(), event.seq());
                yield true;
            }
            case RUN_END -> {
                // nothing is logged after the end: drop the values so the state stays small
                run.latest.clear();
                run.ended = true;
                yield true;
            }
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_STEP_END, EVAL_EPOCH_START,
                    EVAL_STEP_START, EVAL_STEP_END, TRAINING_RUN_EPOCH_END, TRAINING_RUN_END, EVALUATION_RUN_START,
                    EVALUATION_RUN_END, STOP_TRAINING_ERROR, METRIC_PREFIX_CHANGED, EPOCH_CHANGE, CUSTOM -> false;
        };
    }

    /**
     * Callbacks run after an event is published, so metrics that in-process callbacks record at an epoch
     * end (the seed's ClassificationMetricsCallback) follow the epoch-end event in the log. Logging waits
     * for the first event after it that is not such a change: it then sees what a LogMetricsCallback
     * placed last in the callback list sees.
     */
    private static boolean isMetricChange(EventKind kind) {
        return kind == EventKind.METRIC_UPDATE || kind == EventKind.METRIC_DELETED
                || kind == EventKind.METRIC_PREFIX_CHANGED;
    }

    private void log(LogState.Run run, LogTrigger trigger) {
        boolean train = trigger.event().equals("train_epoch_end");
        Map<String, Double> metrics = new TreeMap<>();
        run.latest.forEach((metric, value) -> {
            if (metric.contains("train") == train) {
                metrics.put(metric, value);
            }
        });
        LogTrigger named = new LogTrigger(trigger.runId(), run.name, trigger.epoch(), trigger.event(), trigger.seq());
        Map<String, Double> view = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        // the hook first: if it throws, no line is written for an event that will be re-delivered
        logMetrics(named, view);
        StringBuilder lines = new StringBuilder();
        view.forEach((metric, value) -> lines.append(jsonLine(named, metric, value)).append('\n'));
        output.append(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one set of metrics somewhere: override to log to another platform (the seed's AzureML/MLflow
     * example). The default prints one line per metric: {@code [run] epoch N name: value}. Called on the
     * runner thread, possibly with an empty map (as the seed's callback is).
     *
     * @param trigger the run and the epoch-end event that triggered the logging
     * @param metrics latest value of each metric, by name, in name order (read-only)
     */
    protected void logMetrics(LogTrigger trigger, Map<String, Double> metrics) {
        metrics.forEach((metric, value) ->
                console.println("[" + TerminalText.escape(trigger.displayName()) + "] epoch " + trigger.epoch() + " "
                        + TerminalText.escape(metric) + ": " + value));
    }

    private static String jsonLine(LogTrigger trigger, String metric, double value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("run_id", trigger.runId());
        node.put("seq", trigger.seq());
        node.put("epoch", trigger.epoch());
        node.put("event", trigger.event());
        node.put("name", metric);
        if (Double.isFinite(value)) {
            node.put("value", value);
        } else {
            node.put("value", Double.toString(value));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forces the JSON-lines file to disk, then saves the state with the file's new length. */
    @Override
    public void flush() {
        state.outputLength = output.force();
        state.save(stateFile);
    }

    /** @return the JSON-lines file */
    public Path outputFile() {
        return output.path();
    }

    /** Closes the output file; makes nothing durable (the runner flushes before). */
    @Override
    public void close() {
        output.close();
    }
}
