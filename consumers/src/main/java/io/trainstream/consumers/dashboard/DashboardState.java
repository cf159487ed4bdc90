package io.trainstream.consumers.dashboard;

import io.trainstream.events.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The dashboard's in-memory model: runs, their curves and their recent events, built from decoded
 * events and bounded by {@link DashboardLimits}.
 *
 * <p>Feed it with {@link #accept(RunEvent)} from one consumer thread, in each run's seq order
 * (Kafka keeps it: the run id is the key). An event whose seq was already applied is ignored, so
 * redelivery and replays are harmless; a gap in seq is counted in {@link RunOverview#missingEvents()}.
 *
 * <p>Thread-safe: every method may be called from any thread. Listeners added with
 * {@link #subscribe(Consumer)} run on the feeding thread, under the state's lock, right after each
 * applied event: they must be quick and must not call back into the state.
 */
public final class DashboardState {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardState.class);

    private final DashboardLimits limits;
    private final Map<String, DashboardRunState> runs = new HashMap<>();
    private final List<Consumer<DashboardUpdate>> listeners = new CopyOnWriteArrayList<>();
    private long applied;
    private long duplicates;

    /** A state with {@link DashboardLimits#DEFAULT}. */
    public DashboardState() {
        this(DashboardLimits.DEFAULT);
    }

    /**
     * @param limits what to keep in memory
     */
    public DashboardState(DashboardLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Applies one event, unless its (run id, seq) was already applied.
     *
     * @param event a decoded event
     * @return whether it was applied (false for a duplicate)
     */
    public synchronized boolean accept(RunEvent event) {
        Objects.requireNonNull(event, "event");
        long now = System.currentTimeMillis();
        DashboardRunState run = runs.get(event.runId());
        if (run == null) {
            evictIfFull();
            run = new DashboardRunState(event.runId(), limits, event.timeMillis());
            runs.put(event.runId(), run);
        } else if (run.hasApplied(event.seq())) {
            duplicates++;
            return false;
        }
        DashboardUpdate update = run.apply(event, now);
        applied++;
        for (Consumer<DashboardUpdate> listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                LOG.warn("A dashboard listener failed on {} seq {}: {}", update.runId(), update.seq(), e.toString());
            }
        }
        return true;
    }

    private void evictIfFull() {
        if (runs.size() < limits.maxRuns()) {
            return;
        }
        Comparator<DashboardRunState> byStart = Comparator.comparingLong(DashboardRunState::startedAtMs);
        DashboardRunState victim = runs.values().stream().filter(r -> !r.isRunning()).min(byStart)
                .orElseGet(() -> runs.values().stream().min(byStart).orElseThrow());
        runs.values().remove(victim);
        LOG.info("Dashboard keeps at most {} runs: forgot run {}", limits.maxRuns(), victim.info().id());
    }

    /**
     * Adds a listener called after each applied event (on the feeding thread, under the lock).
     *
     * @param listener quick, non-blocking code
     * @return a handle that removes the listener
     */
    public Subscription subscribe(Consumer<DashboardUpdate> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * @return every run, the latest started first
     */
    public synchronized List<RunOverview> runs() {
        List<RunOverview> out = new ArrayList<>();
        runs.values().forEach(r -> out.add(r.info()));
        out.sort(Comparator.comparingLong(RunOverview::startedAtMs).reversed().thenComparing(RunOverview::id));
        return out;
    }

    /**
     * @param runId a run id
     * @return the run with its config, if known
     */
    public synchronized Optional<RunDetail> run(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(DashboardRunState::detail);
    }

    /**
     * @param runId a run id
     * @return the run's curves, if known
     */
    public synchronized Optional<RunMetrics> metrics(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(DashboardRunState::metrics);
    }

    /**
     * @param runId a run id
     * @param limit the most events to return (capped by {@link DashboardLimits#recentEvents()})
     * @return the run's latest events, oldest first, if the run is known (sent in their JSON-lines form)
     */
    public synchronized Optional<List<RunEvent>> recentEvents(String runId, int limit) {
        return Optional.ofNullable(runs.get(runId)).map(r -> r.recentEvents(Math.max(0, limit)));
    }

    /**
     * The run's config, curves and latest events taken together, so they agree on
     * {@link RunMetrics#lastSeq()}.
     *
     * @param runId a run id
     * @param events the most recent events to include
     * @return the snapshot, if the run is known
     */
    public synchronized Optional<RunSnapshot> snapshot(String runId, int events) {
        return Optional.ofNullable(runs.get(runId))
                .map(r -> new RunSnapshot(r.detail(), r.metrics(), r.recentEvents(Math.max(0, events))));
    }

    /** Forgets every run (before a replay from the start of the log). Listeners stay. */
    public synchronized void reset() {
        runs.clear();
    }

    /**
     * @return the limits this state keeps to
     */
    public DashboardLimits limits() {
        return limits;
    }

    /**
     * @return events applied since creation
     */
    public synchronized long appliedEvents() {
        return applied;
    }

    /**
     * @return events ignored because their (run id, seq) was already applied
     */
    public synchronized long duplicateEvents() {
        return duplicates;
    }

    /** Removes a listener added with {@link #subscribe(Consumer)}. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        /** Removes the listener; idempotent. */
        @Override
        void close();
    }
}
