package io.trainstream.consumers.predictions;

import io.trainstream.consumers.runtime.AtomicFiles;
import io.trainstream.consumers.runtime.CheckpointedFile;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.SinkFiles;
import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the eval outputs of each run (published with {@code trainer.publishEvalOutputs(true)}) to one
 * CSV per evaluation: {@code <dir>/<run-id>/epoch-<n>.csv} for an epoch's evaluation ({@code
 * epoch-<n>-<k>.csv} for a k-th one in the same epoch), {@code epoch-<n>-intermediate-<k>.csv} for the
 * k-th step-based evaluation within epoch n. Columns: {@code sample_id} (when the events carry sample
 * ids), {@code prediction}, {@code target} (when they carry targets). An evaluation with no outputs
 * writes no file.
 *
 * <p>Rows go to {@code <file>.partial} as events arrive; the file is renamed into place at
 * {@code eval_epoch_end}, so a finished name never holds a partial evaluation. Exactly once: the partial
 * file's length and the run's last seq are checkpointed at each {@link #flush()}; a restarted consumer
 * cuts the partial file back and appends the re-delivered rows again, producing identical files.
 *
 * <p>Not thread-safe: driven by one runner thread.
 */
public final class PredictionsConsumer implements EventSink {

    /** Default name, hence consumer group {@code trainstream.predictions}. */
    public static final String DEFAULT_NAME = "predictions";

    private final Path dir;
    private final String name;
    private final Map<String, RunPredictions> runs = new HashMap<>();
    private final Set<RunPredictions> dirty = new HashSet<>();

    /** @param dir the output directory (created when needed) */
    public PredictionsConsumer(Path dir) {
        this(dir, DEFAULT_NAME);
    }

    /**
     * @param dir the output directory (created when needed)
     * @param name the consumer's name (consumer group {@code trainstream.<name>})
     */
    public PredictionsConsumer(Path dir, String name) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public boolean supportsReplay() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public long lastDurableSeq(String runId) {
        return run(runId).lastSeq;
    }

    /**
     * @param runId a run id
     * @return the directory holding that run's prediction files
     */
    public Path runDirectory(String runId) {
        return dir.resolve(SinkFiles.fileName(runId));
    }

    private RunPredictions run(String runId) {
        return runs.computeIfAbsent(runId, id -> RunPredictions.load(runDirectory(id)));
    }

    /** {@inheritDoc} */
    @Override
    public void handle(ConsumedEvent consumed) {
        RunEvent event = consumed.event();
        RunPredictions run = run(event.runId());
        track(run, event);
        run.lastSeq = event.seq();
        dirty.add(run);
    }

    /**
     * Follows the run's evaluations; a switch expression over every kind (no default), so the compiler
     * reports a new kind.
     *
     * @return whether the event concerned this consumer
     */
    private boolean track(RunPredictions run, RunEvent event) {
        return switch (event.kind()) {
            case EVAL_EPOCH_START -> {
                open(run, event.epoch(), ((EventBody.EvalEpochStart) event.body()).isIntermediate());
                yield true;
            }
            case EVAL_STEP_END -> {
                append(run, ((EventBody.EvalStepEnd) event.body()).values());
                yield true;
            }
            case EVAL_EPOCH_END -> {
                finish(run);
                yield true;
            }
            case RUN_END -> {
                // an evaluation cut short by the end of the run never becomes a file
                run.discardPartial();
                yield true;
            }
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_STEP_END, TRAIN_EPOCH_END,
                    EVAL_STEP_START, TRAINING_RUN_EPOCH_END, TRAINING_RUN_END, EVALUATION_RUN_START,
                    EVALUATION_RUN_END, STOP_TRAINING_ERROR, METRIC_UPDATE, METRIC_DELETED, METRIC_PREFIX_CHANGED,
                    HISTORY_RESET, EPOCH_CHANGE, RUN_START, CUSTOM -> false;
        };
    }

    private void open(RunPredictions run, int epoch, boolean intermediate) {
        run.discardPartial();
        String key = epoch + (intermediate ? "-intermediate" : "");
        int k = run.evaluations.merge(key, 1, Integer::sum);
        String file = intermediate ? "epoch-" + epoch + "-intermediate-" + k + ".csv"
                : k == 1 ? "epoch-" + epoch + ".csv" : "epoch-" + epoch + "-" + k + ".csv";
        run.target = run.dir.resolve(file);
        run.partial = new CheckpointedFile(RunPredictions.partialOf(run.target), 0);
        run.hasRows = false;
    }

    private void append(RunPredictions run, StepValues step) {
        if (run.partial == null || step.predictions() == null) {
            return;
        }
        if (!run.hasRows) {
            run.withIds = step.sampleIds() != null;
            run.withTargets = step.targets() != null;
            run.partial.append(PredictionRows.header(run.withIds, run.withTargets).getBytes(StandardCharsets.UTF_8));
            run.hasRows = true;
        }
        run.partial.append(PredictionRows.rows(step, run.withIds, run.withTargets).getBytes(StandardCharsets.UTF_8));
    }

    private void finish(RunPredictions run) {
        if (run.partial == null) {
            return;
        }
        if (!run.hasRows) {
            run.discardPartial();
            return;
        }
        run.partial.force();
        run.partial.close();
        try {
            AtomicFiles.move(run.partial.path(), run.target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not finish " + run.target + ": " + e.getMessage(), e);
        }
        run.partial = null;
    }

    /** Forces open partial files to disk and checkpoints every run changed since the last flush. */
    @Override
    public void flush() {
        for (RunPredictions run : dirty) {
            run.save();
        }
        dirty.clear();
    }

    /** Closes open files; makes nothing durable (the runner flushes before). */
    @Override
    public void close() {
        runs.values().forEach(RunPredictions::closeQuietly);
    }
}
