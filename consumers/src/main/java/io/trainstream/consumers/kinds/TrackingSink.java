package io.trainstream.consumers.kinds;

import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.ResetReason;
import io.trainstream.events.EventKind;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes every call to a sink, the reset hook and the caught-up signal included, and notes which runs'
 * {@code run_end} it has handled (readable from any thread). It must override every method of {@link
 * EventSink}: a default left in place would silently cut the sink off from the runner.
 */
final class TrackingSink implements EventSink {

    private final EventSink sink;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    TrackingSink(EventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    boolean hasSeenEnd(String runId) {
        return ended.contains(runId);
    }

    @Override
    public String name() {
        return sink.name();
    }

    @Override
    public boolean supportsReplay() {
        return sink.supportsReplay();
    }

    @Override
    public void handle(ConsumedEvent event) {
        sink.handle(event);
        if (event.kind() == EventKind.RUN_END) {
            ended.add(event.runId());
        }
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public long lastDurableSeq(String runId) {
        return sink.lastDurableSeq(runId);
    }

    @Override
    public boolean rebuildsFromStart() {
        return sink.rebuildsFromStart();
    }

    @Override
    public void onReset(Set<Integer> partitions, ResetReason reason) {
        sink.onReset(partitions, reason);
    }

    @Override
    public void onCaughtUp(int partition) {
        sink.onCaughtUp(partition);
    }

    @Override
    public void close() {
        sink.close();
    }
}
