package io.trainstream.cli.replay;

import io.trainstream.cli.UsageException;
import io.trainstream.consumers.kinds.ConsumerKind;
import io.trainstream.consumers.kinds.Redriven;
import io.trainstream.consumers.replay.OutputDirectoryInUseException;
import io.trainstream.consumers.replay.ReplayNotSupportedException;

import java.nio.file.Path;

/**
 * {@code replay --redrive}: re-drives one consumer kind from a recorded run into a directory of its own
 * ({@link ConsumerKind#redrive}) and says what was written. The dashboard's replayed view is written as
 * {@code <dir>/<run id>.json} (the JSON API's run snapshot).
 */
final class Redrive {

    private Redrive() {
    }

    /**
     * @param kind the consumer
     * @param run the run read once already; its events are streamed again into the consumer
     * @param dir the replay's own output directory
     * @return what was written, e.g. {@code 41 events replayed into metrics -> out/run-1.csv}
     * @throws UsageException when the directory is a live consumer's, or the consumer does not accept replays
     */
    static String run(ConsumerKind kind, RecordedRun run, Path dir) {
        Redriven redriven;
        try {
            redriven = kind.redrive(run.summary(), run.events(), dir);
        } catch (ReplayNotSupportedException e) {
            throw new UsageException("--redrive: " + e.getMessage());
        } catch (OutputDirectoryInUseException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        // a run without run_end (crashed, running) is written too; one without events leaves nothing
        return redriven.stats().processed() + " events replayed into " + kind.id() + " -> "
                + redriven.output().map(Path::toString).orElse("(no events)");
    }
}
