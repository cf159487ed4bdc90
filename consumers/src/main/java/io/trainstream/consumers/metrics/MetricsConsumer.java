package io.trainstream.consumers.metrics;

import io.trainstream.consumers.runtime.AtomicFiles;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.ResetReason;
import io.trainstream.consumers.runtime.SinkFiles;
import io.trainstream.events.EventKind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Materialises each run's history from its events and exports it as CSV: {@code <dir>/<run-id>.csv}
 * in long format, {@code metric,index,value}, one row per recorded value (index 0-based within its
 * metric, metrics in the order they first appeared, values as {@link Double#toString}, so
 * {@code NaN}, {@code Infinity}); long rather than wide because metrics are recorded at different
 * rates (per step, per epoch, per intermediate evaluation). The file is written atomically when a run
 * ends and on demand ({@link #exportCsv}).
 *
 * <p>State lives in memory: the consumer {@linkplain #rebuildsFromStart() re-reads} the log from the
 * start on each start, so its CSV files are rewritten with the same content (idempotent). In a group
 * of several instances each holds only the runs of its partitions: on a rebalance the runner
 * {@linkplain #onReset resets} the partitions that left or are re-read, and a per-run sequence guard
 * (the highest seq applied) makes sure a re-read never applies a value twice, also for runs that do
 * not begin with {@code history_reset} (trained with {@code resetRunHistory(false)}).
 *
 * <p>Threads: {@link #handle} runs on one runner thread; {@link #runs()}, {@link #run}, {@link
 * #metricHistory} and {@link #exportCsv} are thread-safe.
 */
public final class MetricsConsumer implements EventSink {

    /** Default name, hence consumer group {@code trainstream.metrics}. */
    public static final String DEFAULT_NAME = "metrics";

    private final String name;
    private final Path csvDir;
    private final Map<String, RunState> runs = new ConcurrentHashMap<>();

    /** @param csvDir where per-run CSV files go (created when needed) */
    public MetricsConsumer(Path csvDir) {
        this(csvDir, DEFAULT_NAME);
    }

    /**
     * @param csvDir where per-run CSV files go (created when needed)
     * @param name the consumer's name (consumer group {@code trainstream.<name>})
     */
    public MetricsConsumer(Path csvDir, String name) {
        this.csvDir = Objects.requireNonNull(csvDir, "csvDir");
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

    /** True: the histories live in memory, so they are rebuilt from the whole log on start. */
    @Override
    public boolean rebuildsFromStart() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public void handle(ConsumedEvent event) {
        RunState run = runs.computeIfAbsent(event.runId(), id -> new RunState(id, event.partition()));
        if (run.apply(event.event()) && event.kind() == EventKind.RUN_END) {
            exportCsv(event.runId());
        }
    }

    /**
     * Drops the runs read from these partitions: after a revocation they belong to another member of
     * the group (whose scrape endpoint now reports them); before a re-read they are rebuilt from the log.
     */
    @Override
    public void onReset(Set<Integer> partitions, ResetReason reason) {
        runs.values().removeIf(run -> partitions.contains(run.partition()));
    }

    /** Nothing to do: CSV files are written atomically when runs end. */
    @Override
    public void flush() {
    }

    /** @return a snapshot of every run seen, by run id */
    public Map<String, RunView> runs() {
        Map<String, RunView> views = new LinkedHashMap<>();
        runs.forEach((id, state) -> {
            RunView view = state.view();
            if (view != null) { // null while the run's first event is being applied
                views.put(id, view);
            }
        });
        return Collections.unmodifiableMap(views);
    }

    /**
     * @param runId a run id
     * @return its snapshot, when the run was seen
     */
    public Optional<RunView> run(String runId) {
        RunState state = runs.get(runId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.view());
    }

    /**
     * @param runId a run id
     * @return a copy of every metric's values, when the run was seen
     */
    public Optional<Map<String, List<Double>>> metricHistory(String runId) {
        RunState state = runs.get(runId);
        return state == null ? Optional.empty() : Optional.of(state.historyCopy());
    }

    /**
     * Writes a run's history to {@code <dir>/<run-id>.csv} (atomically replacing an older export).
     *
     * @param runId a run id
     * @return the file, or empty when the run was not seen
     */
    public Optional<Path> exportCsv(String runId) {
        return metricHistory(runId).map(history -> {
            StringBuilder csv = new StringBuilder("metric,index,value\n");
            history.forEach((metric, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    csv.append(SinkFiles.csvField(metric)).append(',').append(i).append(',')
                            .append(Double.toString(values.get(i))).append('\n');
                }
            });
            Path file = csvDir.resolve(SinkFiles.fileName(runId) + ".csv");
            AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
            return file;
        });
    }
}
