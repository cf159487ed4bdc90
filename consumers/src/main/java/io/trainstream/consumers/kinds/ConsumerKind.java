package io.trainstream.consumers.kinds;

import io.trainstream.consumers.replay.OutputDirectoryInUseException;
import io.trainstream.consumers.replay.ReplayNotSupportedException;
import io.trainstream.consumers.replay.ReplayOutputs;
import io.trainstream.consumers.replay.RunEventSource;
import io.trainstream.consumers.replay.RunRedrive;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The registry of consumer kinds: each constant knows how to build its sink (and what the kind adds
 * around it), and both ways of running a kind go through it, so live and re-driven output come from the
 * same sink built the same way:
 * <ul>
 *   <li>{@link #startLive}: the sink on a {@link ConsumerRunner} over the events topic, with the kind's
 *       servers; the runner calls the sink's reset hook and caught-up signal around each rebalance.</li>
 *   <li>{@link #redrive}: a fresh sink fed one recorded run, every event marked REPLAY, in a directory of
 *       its own ({@link RunRedrive}: reset before the first event, caught up after the flush).</li>
 * </ul>
 * A new kind is a constant here and its {@code KindSink} subclass in this package.
 */
public enum ConsumerKind {
    /** Metrics per epoch to the console and {@code logging.jsonl} (the seed's LogMetricsCallback). */
    LOGGING(true, (name, dir, console) -> new LoggingKindSink(name, dir, console)),
    /** Each run's history as CSV, plus a Prometheus scrape endpoint when live. */
    METRICS(true, (name, dir, console) -> new MetricsKindSink(name, dir)),
    /** One predictions CSV per run and evaluation. */
    PREDICTIONS(true, (name, dir, console) -> new PredictionsKindSink(name, dir)),
    /** The web dashboard (live); a re-drive writes the run's snapshot as JSON. */
    DASHBOARD(false, (name, dir, console) -> new DashboardKindSink());

    /** Builds one fresh sink of a kind. */
    @FunctionalInterface
    private interface Factory {
        KindSink build(String name, Path dir, PrintStream console);
    }

    private final boolean writesLiveFiles;
    private final Factory factory;

    /**
     * @param writesLiveFiles true when the live consumer writes files to its output directory, which it
     *     then claims before the sink opens them (a re-drive's directory is refused: {@link ReplayOutputs})
     * @param factory builds a fresh sink of the kind
     */
    ConsumerKind(boolean writesLiveFiles, Factory factory) {
        this.writesLiveFiles = writesLiveFiles;
        this.factory = factory;
    }

    /** @return the name on the command line, of the sink and of the consumer group suffix, e.g. {@code logging} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Starts the kind as a live consumer of the events topic, in the group {@code <group prefix><id>}
     * (the dashboard: a group of its own, so it reads every partition).
     *
     * @param setup where it reads and writes
     * @return the running consumer; close it to stop
     * @throws OutputDirectoryInUseException when its output directory belongs to a re-drive
     */
    public LiveConsumer startLive(LiveSetup setup) {
        Objects.requireNonNull(setup, "setup");
        if (writesLiveFiles) {
            ReplayOutputs.claimForLive(setup.outDir(), id());
        }
        KindSink built = factory.build(id(), setup.outDir(), setup.console());
        TrackingSink tracked = new TrackingSink(built.sink());
        List<String> outputs = new ArrayList<>(built.liveOutputs(setup));
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            ConsumerRunner runner = new ConsumerRunner(tracked, built.liveConfig(setup).build());
            servers.addAll(built.startServers(runner, setup, outputs));
            runner.start();
            return new LiveConsumer(this, runner, tracked, outputs, servers);
        } catch (RuntimeException e) {
            servers.forEach(LiveConsumer::closeQuietly);
            tracked.close();
            throw e;
        }
    }

    /**
     * Re-drives one recorded run into a fresh sink of this kind writing to {@code dir}, never a live
     * consumer's directory.
     *
     * @param run the run's events
     * @param dir the re-drive's own output directory (created when missing)
     * @return the counters and where the run's output is
     * @throws OutputDirectoryInUseException when a live consumer writes to {@code dir}
     * @throws ReplayNotSupportedException when the kind's sink does not accept replays
     */
    public Redriven redrive(RunLog run, Path dir) {
        Objects.requireNonNull(run, "run");
        return redrive(run.summary(), run.events()::forEach, dir);
    }

    /**
     * As {@link #redrive(RunLog, Path)}, with the events handed over one at a time (a stream of the run's
     * log), so no list of the run is held.
     *
     * @param summary the run's summary (run id, events topic and partition)
     * @param events the run's events, handed over once, in seq order
     * @param dir the re-drive's own output directory (created when missing)
     * @return the counters and where the run's output is
     * @throws OutputDirectoryInUseException when a live consumer writes to {@code dir}
     * @throws ReplayNotSupportedException when the kind's sink does not accept replays
     */
    public Redriven redrive(RunSummary summary, RunEventSource events, Path dir) {
        Objects.requireNonNull(summary, "summary");
        ReplayOutputs.claimForReplay(dir, id());
        KindSink built = factory.build(id(), dir, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        try {
            ConsumerStats stats = RunRedrive.redrive(summary, events, built.sink());
            return new Redriven(this, stats, built.redriveOutput(summary.getRunId(), dir));
        } finally {
            built.sink().close();
        }
    }
}
