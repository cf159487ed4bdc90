package io.trainstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.StopTraining;
import io.trainstream.schemas.avro.TrainerEvent;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AvroEventsTest {

    @Test
    void everyKindSurvivesTypedToAvroToBytesToAvroToTyped() {
        Map<EventKind, RunEvent> samples = SampleRunEvents.everyKind();
        assertThat(samples).hasSize(EventKind.values().length);
        for (RunEvent original : samples.values()) {
            TrainerEvent wire = AvroEvents.toAvro(original);
            assertThat(wire.getType().name()).isEqualTo(original.kind().name());
            byte[] bytes = EventCodec.encode(wire);
            Optional<RunEvent> back = AvroEvents.fromAvro(EventCodec.decode(bytes));
            assertThat(back).as(original.kind().eventName()).contains(original);
        }
    }

    @Test
    void theKindsAreTheWireTypesButUnknownAndNameTheSameEvents() {
        assertThat(Arrays.stream(EventKind.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).filter(t -> t != EventType.UNKNOWN)
                        .map(Enum::name).toList());
        for (EventKind kind : EventKind.values()) {
            EventType wire = EventType.valueOf(kind.name());
            assertThat(kind.eventName()).isEqualTo(EventNames.nameOf(wire));
            assertThat(EventKind.isBuiltInName(kind.eventName())).as(kind.name()).isEqualTo(EventNames.isBuiltIn(kind.eventName()));
        }
        assertThat(EventKind.isBuiltInName("verify_train_batch")).isFalse();
    }

    @Test
    void aCustomEventKeepsItsNameAndFields() {
        RunEvent original = SampleRunEvents.everyKind().get(EventKind.CUSTOM);
        RunEvent back = AvroEvents.fromAvro(EventCodec.decode(EventCodec.encode(AvroEvents.toAvro(original))))
                .orElseThrow();
        assertThat(back.name()).isEqualTo("verify_train_batch");
        assertThat(((EventBody.Custom) back.body()).fields().keySet())
                .containsExactlyInAnyOrder("missing", "ok", "count", "ratio", "shape", "xb_head");
        // Avro reads a map back as a HashMap: the order is not part of the wire format
    }

    @Test
    void anEventOfAKindThisVersionDoesNotKnowIsLeftOut() {
        TrainerEvent fromNewerWriter = AvroEvents.toAvro(SampleRunEvents.everyKind().get(EventKind.INIT_END));
        fromNewerWriter.put("type", EventType.UNKNOWN);
        assertThat(AvroEvents.fromAvro(fromNewerWriter)).isEmpty();
    }

    @Test
    void aPayloadThatDoesNotFitItsTypeIsRejectedNamingBoth() {
        TrainerEvent wrong = new TrainerEvent("run-1", 0L, Instant.EPOCH, 0, 1, "h", EventType.METRIC_UPDATE, 1, 0L,
                null, new StopTraining("x"));
        assertThatThrownBy(() -> AvroEvents.fromAvro(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a metric_update event carries a MetricUpdate payload, not StopTraining");
    }
}
