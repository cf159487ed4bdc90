package io.trainstream.consumers.replay;

import io.trainstream.events.RunEvent;

import java.util.function.Consumer;

/**
 * Where a recorded run's events come from when they are handed over one at a time instead of held in a
 * list: a stream of the run's log ({@link RecordedRuns#stream}), or a list already read
 * ({@code runLog.events()::forEach}). Each call hands the run over once more, from its first event.
 */
@FunctionalInterface
public interface RunEventSource {

    /**
     * @param visitor receives each of the run's events once, in seq order, on the calling thread
     */
    void forEachEvent(Consumer<RunEvent> visitor);
}
