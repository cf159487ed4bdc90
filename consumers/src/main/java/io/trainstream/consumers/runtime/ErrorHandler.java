package io.trainstream.consumers.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a runner does when {@link EventSink#handle} throws: throw to stop the runner (the
 * default, {@link #PROPAGATE}), or return to skip the event ({@link #LOG_AND_SKIP}, opt-in).
 * Undecodable records never reach it: they always go to the dead-letter topic.
 *
 * <p>Called on the runner's thread.
 */
@FunctionalInterface
public interface ErrorHandler {

    /** Stops the runner with a {@link SinkFailedException}; nothing after the failing event is committed. */
    ErrorHandler PROPAGATE = (sinkName, event, error) -> {
        throw new SinkFailedException(sinkName, event, error);
    };

    /** Logs one line and skips the event (its offset is committed with the others). */
    ErrorHandler LOG_AND_SKIP = new ErrorHandler() {
        private final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

        @Override
        public void onError(String sinkName, ConsumedEvent event, RuntimeException error) {
            log.warn("consumer {} skipped run {} seq {} ({}): {}", sinkName, event.runId(), event.seq(), event.kind(),
                    error.toString());
        }
    };

    /**
     * @param sinkName the sink's name
     * @param event the event it failed on
     * @param error what it threw
     */
    void onError(String sinkName, ConsumedEvent event, RuntimeException error);
}
