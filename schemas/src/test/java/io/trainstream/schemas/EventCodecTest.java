package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

    @Test
    void everyPayloadTypeSurvivesARoundTrip() {
        for (Map.Entry<String, TrainerEvent> sample : SampleEvents.all().entrySet()) {
            TrainerEvent decoded = EventCodec.decode(EventCodec.encode(sample.getValue()));
            WriterFields.assertSameRecord(sample.getValue(), decoded);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyEventTypeSurvivesARoundTripWithItsPayload(EventType type) throws Exception {
        Object payload = EventPayloads.payloadClassOf(type) == Lifecycle.class ? new Lifecycle()
                : SampleEvents.all().values().stream().map(TrainerEvent::getPayload)
                        .filter(EventPayloads.payloadClassOf(type)::isInstance).findFirst().orElseThrow();
        TrainerEvent event = SampleEvents.event(1, type, 0, payload);

        WriterFields.assertSameRecord(event, EventCodec.decode(EventCodec.encode(event)));
    }

    @Test
    void generatedEqualsCallsARecordHoldingNanUnequalToItsCopy() {
        TrainerEvent event = SampleEvents.all().get("train-step-end");

        assertThat(TrainerEvent.newBuilder(event).build()).as("Avro 1.12.2 codegen compares doubles with !=")
                .isNotEqualTo(event);
    }

    @Test
    void nanAndInfinitiesSurviveBitForBit() {
        TrainerEvent decodedStep = EventCodec.decode(EventCodec.encode(SampleEvents.all().get("eval-step-end")));
        StepEnd step = (StepEnd) decodedStep.getPayload();
        assertThat(step.getPredictions()).containsExactly(0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(step.getTargets().get(2)).isNaN();

        TrainerEvent decodedMetric = EventCodec.decode(EventCodec.encode(SampleEvents.all().get("metric-update-nan")));
        double value = ((MetricUpdate) decodedMetric.getPayload()).getValue();
        assertThat(Double.doubleToRawLongBits(value)).isEqualTo(Double.doubleToRawLongBits(Double.NaN));

        CustomEvent custom = (CustomEvent) EventCodec.decode(
                EventCodec.encode(SampleEvents.all().get("custom-event"))).getPayload();
        assertThat((Double) custom.getFields().get("ratio")).isNaN();
        assertThat(custom.getFields().get("norm")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void encodingStartsWithTheSingleObjectHeaderAndTheSchemaFingerprint() {
        byte[] bytes = EventCodec.encode(SampleEvents.all().get("lifecycle"));

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(TrainerEvent.getClassSchema()));
    }

    @Test
    void anEventWhosePayloadDoesNotSuitItsTypeIsRefused() {
        TrainerEvent wrong = SampleEvents.event(1, EventType.TRAIN_STEP_END, 0, new Lifecycle());

        assertThatThrownBy(() -> EventCodec.encode(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAIN_STEP_END").hasMessageContaining("StepEnd");
    }

    @Test
    void anEventWithARequiredFieldNullIsRefusedWithIllegalArgument() {
        TrainerEvent event = SampleEvents.event(1, EventType.INIT_END, null, new Lifecycle());
        event.put("host", null);

        assertThatThrownBy(() -> EventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TrainerEvent");
    }

    @Test
    void severalThreadsCanEncodeAndDecodeAtOnce() throws Exception {
        List<TrainerEvent> samples = new ArrayList<>(SampleEvents.all().values());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        TrainerEvent event = samples.get((i + offset) % samples.size());
                        WriterFields.assertSameRecord(event, EventCodec.decode(EventCodec.encode(event)));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
