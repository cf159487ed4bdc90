package io.trainstream.trainer.kafka;

import io.trainstream.events.AvroEvents;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's conversion is the events module's mapping (its round trip of every kind is tested
 * there, in AvroEventsTest) with the publisher's host in the envelope.
 */
class EventConverterTest {

    private final EventConverter testSubject = new EventConverter("node-7");

    @Test
    void theEnvelopeNamesThePublishersHostAndKeepsEverythingElse() {
        RunEvent event = event(new EventBody.MetricUpdate("eval_loss_epoch", 0.25), null);

        TrainerEvent decoded = roundTrip(event);

        assertThat(decoded.getHost()).isEqualTo("node-7");
        assertThat(AvroEvents.fromAvro(decoded)).contains(new RunEvent(event.header().withHost("node-7"), event.body()));
    }

    @Test
    void nanAndInfinitiesSurviveInMetricsLossesAndCustomFields() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            TrainerEvent metric = roundTrip(event(new EventBody.MetricUpdate("eval_loss_epoch", odd), null));
            TrainerEvent step = roundTrip(event(new EventBody.TrainStepEnd(StepValues.of(odd, odd / 4, 32)), 3));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("x", odd);
            fields.put("xs", Arrays.asList(odd, 1.0));
            TrainerEvent custom = roundTrip(event(new EventBody.Custom("probe", fields), null));

            assertThat(Double.compare(((MetricUpdate) metric.getPayload()).getValue(), odd)).isZero();
            assertThat(Double.compare(((StepEnd) step.getPayload()).getLoss(), odd)).isZero();
            Map<String, Object> wireFields = ((CustomEvent) custom.getPayload()).getFields();
            assertThat(wireFields.get("x")).isEqualTo(odd);
            assertThat(wireFields.get("xs")).isEqualTo(List.of(odd, 1.0));
        }
    }

    private TrainerEvent roundTrip(RunEvent event) {
        return EventCodec.decode(EventCodec.encode(testSubject.convert(event)));
    }

    private static RunEvent event(EventBody body, Integer step) {
        return new RunEvent(EventHeader.of("run-1", 5, 1_714_564_800_250L, "trainer-host", 2, 17L, step), body);
    }
}
