package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    @Test
    void everyWritableTypeHasAPayloadFromTheEnvelopeUnion() {
        Set<String> branches = new HashSet<>();
        TrainerEvent.getClassSchema().getField("payload").schema().getTypes().forEach(b -> branches.add(b.getFullName()));

        for (EventType type : EventType.values()) {
            if (type != EventType.UNKNOWN) {
                assertThat(branches).contains(EventPayloads.payloadClassOf(type).getName());
            }
        }
    }

    @Test
    void stepEndsCarryAStepEndAndBoundariesCarryNothing() {
        assertThat(EventPayloads.payloadClassOf(EventType.EVAL_STEP_END)).isEqualTo(StepEnd.class);
        assertThat(EventPayloads.payloadClassOf(EventType.TRAIN_EPOCH_END)).isEqualTo(Lifecycle.class);
    }

    @Test
    void unknownIsNeverWritten() {
        assertThatThrownBy(() -> EventPayloads.payloadClassOf(EventType.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
