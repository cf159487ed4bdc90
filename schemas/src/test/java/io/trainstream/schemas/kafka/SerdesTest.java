package io.trainstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.EventDecodingException;
import io.trainstream.schemas.SampleEvents;
import io.trainstream.schemas.SampleRunSummaries;
import io.trainstream.schemas.WriterFields;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;

class SerdesTest {

    private static final String TOPIC = "trainstream.events";

    @Test
    void eventsSurviveTheSerializerAndDeserializer() {
        try (TrainerEventSerializer serializer = new TrainerEventSerializer();
                TrainerEventDeserializer deserializer = new TrainerEventDeserializer()) {
            for (TrainerEvent event : SampleEvents.all().values()) {
                WriterFields.assertSameRecord(event, deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event)));
            }
        }
    }

    @Test
    void runSummariesSurviveTheSerializerAndDeserializer() {
        try (RunSummarySerializer serializer = new RunSummarySerializer();
                RunSummaryDeserializer deserializer = new RunSummaryDeserializer()) {
            RunSummary summary = SampleRunSummaries.completed();
            WriterFields.assertSameRecord(summary,
                    deserializer.deserialize("trainstream.runs", serializer.serialize("trainstream.runs", summary)));
        }
    }

    @Test
    void nullStaysNullBothWaysForTombstones() {
        assertThat(new TrainerEventSerializer().serialize(TOPIC, null)).isNull();
        assertThat(new TrainerEventDeserializer().deserialize(TOPIC, null)).isNull();
        assertThat(new RunSummarySerializer().serialize("trainstream.runs", null)).isNull();
        assertThat(new RunSummaryDeserializer().deserialize("trainstream.runs", null)).isNull();
    }

    @Test
    void undecodableValuesRaiseEventDecodingException() {
        assertThatThrownBy(() -> new TrainerEventDeserializer().deserialize(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(EventDecodingException.class);
        assertThatThrownBy(() -> new RunSummaryDeserializer().deserialize(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(EventDecodingException.class);
    }
}
