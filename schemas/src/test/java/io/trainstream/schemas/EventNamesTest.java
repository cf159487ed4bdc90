package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.EventType;
import org.junit.jupiter.api.Test;

class EventNamesTest {

    @Test
    void builtInNamesAreTheLowerCaseSymbols() {
        assertThat(EventNames.nameOf(EventType.TRAINING_RUN_START)).isEqualTo("training_run_start");
        assertThat(EventNames.nameOf(EventType.STOP_TRAINING_ERROR)).isEqualTo("stop_training_error");
        assertThat(EventNames.nameOf(EventType.METRIC_PREFIX_CHANGED)).isEqualTo("metric_prefix_changed");
    }

    @Test
    void everyBuiltInNameMapsBackToItsType() {
        for (EventType type : EventType.values()) {
            if (type != EventType.CUSTOM && type != EventType.UNKNOWN) {
                assertThat(EventNames.typeOf(EventNames.nameOf(type))).isEqualTo(type);
                assertThat(EventNames.isBuiltIn(EventNames.nameOf(type))).isTrue();
            }
        }
    }

    @Test
    void anyOtherNameIsACustomEvent() {
        assertThat(EventNames.typeOf("verify_train_batch")).isEqualTo(EventType.CUSTOM);
        assertThat(EventNames.isBuiltIn("verify_train_batch")).isFalse();
        assertThat(EventNames.isBuiltIn("custom")).isFalse();
    }

    @Test
    void aCustomEventIsNamedByItsOwnName() {
        assertThat(EventNames.nameOf(SampleEvents.all().get("custom-event"))).isEqualTo("verify_train_batch");
        assertThat(EventNames.nameOf(SampleEvents.all().get("metric-update"))).isEqualTo("metric_update");
    }
}
