package io.trainstream.trainer.kafka;

import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;

import java.util.Objects;

/**
 * The publisher's conversion of a typed {@link RunEvent} into the wire record {@link TrainerEvent}: the
 * events module's one mapping ({@link AvroEvents#toAvro}), with this publisher's host in the envelope.
 * Stateless apart from the host name; thread-safe. The record shares no mutable state with the event.
 */
public final class EventConverter {

    private final String host;

    /** @param host the publishing host written into every envelope */
    public EventConverter(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** @return a converter for this machine ({@link LocalHost#name()}) */
    public static EventConverter forLocalHost() {
        return new EventConverter(LocalHost.name());
    }

    /** @return the host written into every envelope */
    public String host() {
        return host;
    }

    /**
     * @param event a typed event
     * @return the wire record, naming this converter's host
     */
    public TrainerEvent convert(RunEvent event) {
        RunEvent here = event.header().host().equals(host) ? event
                : new RunEvent(event.header().withHost(host), event.body());
        return AvroEvents.toAvro(here);
    }
}
