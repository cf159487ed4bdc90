package io.trainstream.schemas.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads {@link TrainerEvent} values with {@link EventCodec#decode}. */
public final class TrainerEventDeserializer implements Deserializer<TrainerEvent> {

    /** Creates a deserializer; Kafka may also create it by class name. */
    public TrainerEventDeserializer() {
    }

    /** {@inheritDoc} */
    @Override
    public TrainerEvent deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data);
    }
}
