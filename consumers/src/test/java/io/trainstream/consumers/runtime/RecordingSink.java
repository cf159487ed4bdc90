package io.trainstream.consumers.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every event it is handed; flush counts. */
class RecordingSink implements EventSink {
    final List<ConsumedEvent> handled = new CopyOnWriteArrayList<>();
    volatile int flushes;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean supportsReplay() {
        return true;
    }

    @Override
    public void handle(ConsumedEvent event) {
        handled.add(event);
    }

    @Override
    public void flush() {
        flushes++;
    }
}
