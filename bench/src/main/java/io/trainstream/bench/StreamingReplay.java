package io.trainstream.bench;

import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.schemas.avro.RunSummary;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The streaming read with the least per-event work: {@link RunLogReader#stream} hands each decoded event
 * to {@link HistoryRebuild} and a step counter, keeping no event (a floor for the replay command's own
 * path, {@link RecordedRuns#stream} + {@link RunReplay}); and the heap probe of that command path.
 */
final class StreamingReplay {

    private StreamingReplay() {}

    /** @return events/s of one streamed replay of the run */
    static double rate(String bootstrap, RunSummary summary, long n, Map<String, Object> extra) {
        long start = System.nanoTime();
        Rebuild rebuild = new Rebuild(null);
        StreamedRun read = new RunLogReader(KafkaReadSettings.of(bootstrap), "unused.runs").stream(summary, rebuild);
        long end = System.nanoTime();
        if (read.events() != n) {
            throw new IllegalStateException("streaming replay read " + read.events() + " of " + n);
        }
        extra.put("replay_streaming_metrics", rebuild.history.metricNames().size());
        extra.put("replay_streaming_step_losses", rebuild.stepLosses);
        return n / ((end - start) / 1e9);
    }

    /**
     * Replays once more the way the {@code replay} command does ({@link RecordedRuns#stream} into a
     * {@link RunReplay}), untimed, forcing a GC and reading the heap used after it when a tenth of the
     * run and when all of it has been handed over: a heap bounded independent of the run's length
     * shows as two equal figures (a collecting reader holds ten times more at the end).
     */
    static Map<String, Object> heapProbe(String bootstrap, RunSummary summary, long n) {
        Map<String, Object> probe = new LinkedHashMap<>();
        long[] at = {n / 10, n};
        RunReplay.Rebuild replay = RunReplay.rebuild();
        Rebuild counter = new Rebuild(count -> {
            for (long point : at) {
                if (count == point) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    probe.put("heap_used_after_gc_mb_at_event_" + point, used / 1e6);
                }
            }
        });
        System.gc();
        probe.put("heap_used_after_gc_mb_before", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
        // the counter's own history is a second copy; only its count matters here, so it rebuilds nothing
        RecordedRuns.stream(KafkaReadSettings.of(bootstrap), summary, replay.andThen(event -> counter.count(event)));
        probe.put("step_points_kept", replay.result().stepLosses().size());
        return probe;
    }

    /** What {@code RunReplay} does per event, without the event list. */
    private static final class Rebuild implements Consumer<RunEvent> {
        final RunHistory history = new InMemoryRunHistory();
        private final Consumer<Long> afterEach;
        long stepLosses;
        long count;

        Rebuild(Consumer<Long> afterEach) {
            this.afterEach = afterEach;
        }

        @Override
        public void accept(RunEvent event) {
            HistoryRebuild.apply(history, event);
            count(event);
        }

        void count(RunEvent event) {
            if (event.kind() == EventKind.TRAIN_STEP_END) {
                stepLosses++;
            }
            count++;
            if (afterEach != null) {
                afterEach.accept(count);
            }
        }
    }
}
