package io.trainstream.trainer.kafka;

import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.RunEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Publishes to a real publisher and keeps every event in memory, in the order the trainer raised them. */
final class TeeEventPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final List<RunEvent> events = new ArrayList<>();

    TeeEventPublisher(EventPublisher delegate) {
        this.delegate = delegate;
    }

    @Override
    public void publish(RunEvent event) {
        events.add(event);
        delegate.publish(event);
    }

    @Override
    public boolean flush(Duration timeout) {
        return delegate.flush(timeout);
    }

    List<RunEvent> events() {
        return events;
    }
}
