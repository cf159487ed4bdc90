package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainstream.schemas.EventDecodingException.Reason;
import io.trainstream.schemas.avro.RunSummary;
import org.junit.jupiter.api.Test;

class RunSummaryCodecTest {

    @Test
    void summariesSurviveARoundTripWithNullsNanAndInfinity() {
        for (RunSummary summary : SampleRunSummaries.all().values()) {
            WriterFields.assertSameRecord(summary, RunSummaryCodec.decode(RunSummaryCodec.encode(summary)));
        }
        RunSummary completed = RunSummaryCodec.decode(RunSummaryCodec.encode(SampleRunSummaries.completed()));
        assertThat(completed.getWatchMetricLast()).isNaN();
        assertThat(completed.getWatchMetricBest()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void anEventIsNotMistakenForARunSummary() {
        byte[] event = EventCodec.encode(SampleEvents.all().get("lifecycle"));

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> RunSummaryCodec.decode(event));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(e.getMessage()).startsWith("RunSummary written with unknown schema fingerprint");
    }
}
