package io.trainstream.schemas.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.common.serialization.Serializer;

/** Writes {@link TrainerEvent} values with {@link EventCodec#encode}. */
public final class TrainerEventSerializer implements Serializer<TrainerEvent> {

    /** Creates a serializer; Kafka may also create it by class name. */
    public TrainerEventSerializer() {
    }

    /** {@inheritDoc} */
    @Override
    public byte[] serialize(String topic, TrainerEvent event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
