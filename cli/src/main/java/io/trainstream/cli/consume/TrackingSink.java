package io.trainstream.cli.consume;

import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.events.EventKind;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Passes every call to a sink and notes which runs' {@code run_end} it has handled (readable from any thread). */
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
    public void close() {
        sink.close();
    }
}
