package io.trainstream.schemas.kafka;

import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunSummary;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads {@link RunSummary} values with {@link RunSummaryCodec#decode}; a tombstone reads as null. */
public final class RunSummaryDeserializer implements Deserializer<RunSummary> {

    /** Creates a deserializer; Kafka may also create it by class name. */
    public RunSummaryDeserializer() {
    }

    /** {@inheritDoc} */
    @Override
    public RunSummary deserialize(String topic, byte[] data) {
        return data == null ? null : RunSummaryCodec.decode(data);
    }
}
