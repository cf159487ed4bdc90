package io.trainstream.cli.replay;

import io.trainstream.cli.UsageException;
import io.trainstream.cli.consume.ConsoleStream;
import io.trainstream.cli.consume.ConsumerKind;
import io.trainstream.consumers.dashboard.DashboardSink;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.logging.LoggingConsumer;
import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.predictions.PredictionsConsumer;
import io.trainstream.consumers.replay.ReplayNotSupportedException;
import io.trainstream.consumers.replay.ReplayOutputs;
import io.trainstream.consumers.replay.RunRedrive;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.SinkFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Re-drives one consumer from a recorded run into a directory of its own: a fresh sink, every event
 * marked REPLAY. The dashboard's replayed view is written as {@code <dir>/<run id>.json} (the JSON API's run snapshot).
 */
final class Redrive {

    private Redrive() {
    }

    /**
     * @param kind the consumer
     * @param run the run's events
     * @param dir the replay's own output directory
     * @return what was written
     * @throws UsageException when the directory is a live consumer's, or the consumer does not accept replays
     */
    static String run(ConsumerKind kind, RunLog run, Path dir) {
        try {
            ReplayOutputs.claimForReplay(dir, kind.id());
        } catch (IllegalStateException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        String runId = run.summary().getRunId();
        return switch (kind) {
            case LOGGING -> {
                try (LoggingConsumer sink = new LoggingConsumer(dir, kind.id(), ConsoleStream.discard())) {
                    yield drive(sink, run) + " -> " + sink.outputFile();
                }
            }
            case PREDICTIONS -> {
                try (PredictionsConsumer sink = new PredictionsConsumer(dir, kind.id())) {
                    yield drive(sink, run) + " -> " + sink.runDirectory(runId);
                }
            }
            case METRICS -> {
                MetricsConsumer sink = new MetricsConsumer(dir, kind.id());
                String counts = drive(sink, run);
                // a run without run_end (crashed, running) is exported too
                yield counts + " -> " + sink.exportCsv(runId).map(Path::toString).orElse("(no events)");
            }
            case DASHBOARD -> {
                DashboardState state = new DashboardState();
                String counts = drive(new DashboardSink(state), run);
                Path file = dir.resolve(SinkFiles.fileName(runId) + ".json");
                try {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValue(file.toFile(), state.snapshot(runId, state.limits().recentEvents()).orElseThrow());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file, e);
                }
                yield counts + " -> " + file;
            }
        };
    }

    private static String drive(EventSink sink, RunLog run) {
        try {
            ConsumerStats stats = RunRedrive.redrive(run, sink);
            return stats.processed() + " events replayed into " + sink.name();
        } catch (ReplayNotSupportedException e) {
            throw new UsageException("--redrive: " + e.getMessage());
        }
    }
}
