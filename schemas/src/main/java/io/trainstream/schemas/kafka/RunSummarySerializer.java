package io.trainstream.schemas.kafka;

import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunSummary;
import org.apache.kafka.common.serialization.Serializer;

/** Writes {@link RunSummary} values with {@link RunSummaryCodec#encode}; null stays null (a tombstone). */
public final class RunSummarySerializer implements Serializer<RunSummary> {

    /** Creates a serializer; Kafka may also create it by class name. */
    public RunSummarySerializer() {
    }

    /** {@inheritDoc} */
    @Override
    public byte[] serialize(String topic, RunSummary summary) {
        return summary == null ? null : RunSummaryCodec.encode(summary);
    }
}
