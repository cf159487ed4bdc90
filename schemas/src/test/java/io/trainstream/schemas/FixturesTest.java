package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Decodes the committed records of every released schema version with today's reader. The sample
 * values they were written from ({@link SampleEvents}, {@link SampleRunSummaries}) must therefore
 * never change: add samples instead.
 */
class FixturesTest {

    @Test
    void everyEventFixtureOfEveryReleasedVersionDecodesToTheValuesItWasWrittenWith() {
        checkEveryVersion("TrainerEvent", FixtureFiles.EVENT, SampleEvents.all(), EventCodec::decode);
    }

    @Test
    void oneReusedReaderDecodesEveryEventFixtureOfEveryReleasedVersionAsDecodeDoes() {
        SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
        checkEveryVersion("TrainerEvent", FixtureFiles.EVENT, SampleEvents.all(), reader::decode);
    }

    @Test
    void everyRunSummaryFixtureOfEveryReleasedVersionDecodesToTheValuesItWasWrittenWith() {
        checkEveryVersion("RunSummary", FixtureFiles.RUN_SUMMARY, SampleRunSummaries.all(), RunSummaryCodec::decode);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCustomEventFixtureKeepsEveryFieldType() {
        byte[] bytes = FixtureFiles.read(1, FixtureFiles.EVENT).get("custom-event");
        Map<String, Object> fields = ((CustomEvent) EventCodec.decode(bytes).getPayload()).getFields();

        assertThat(fields).containsEntry("missing", null).containsEntry("ok", true).containsEntry("count", 3L)
                .containsEntry("norm", Double.POSITIVE_INFINITY).containsEntry("shape", "64x20");
        assertThat((Double) fields.get("ratio")).isNaN();
        assertThat((List<Object>) fields.get("xb_head")).containsExactly(0.5, Double.NaN, Double.NEGATIVE_INFINITY);
    }

    @Test
    void theLatestEventFixturesCoverEveryPayloadType() {
        int latest = ReleasedSchemas.load("TrainerEvent").size();
        Set<String> payloads = new HashSet<>();
        FixtureFiles.read(latest, FixtureFiles.EVENT).values()
                .forEach(bytes -> payloads.add(EventCodec.decode(bytes).getPayload().getClass().getSimpleName()));

        Set<String> unionBranches = new HashSet<>();
        TrainerEvent.getClassSchema().getField("payload").schema().getTypes()
                .forEach(branch -> unionBranches.add(branch.getName()));
        assertThat(payloads).isEqualTo(unionBranches);
    }

    @Test
    void theLatestFixturesAreExactlyWhatTheCurrentCodecWrites() {
        int events = ReleasedSchemas.load("TrainerEvent").size();
        FixtureFiles.read(events, FixtureFiles.EVENT).forEach((name, bytes) ->
                assertThat(EventCodec.encode(SampleEvents.all().get(name))).as(name).isEqualTo(bytes));
        int summaries = ReleasedSchemas.load("RunSummary").size();
        FixtureFiles.read(summaries, FixtureFiles.RUN_SUMMARY).forEach((name, bytes) ->
                assertThat(RunSummaryCodec.encode(SampleRunSummaries.all().get(name))).as(name).isEqualTo(bytes));
    }

    private static <T> void checkEveryVersion(String recordName, String prefix, Map<String, T> samples,
            Function<byte[], T> decode) {
        List<Schema> released = ReleasedSchemas.load(recordName);
        assertThat(released).isNotEmpty();
        for (int version = 1; version <= released.size(); version++) {
            Map<String, byte[]> fixtures = FixtureFiles.read(version, prefix);
            assertThat(fixtures).as("fixtures of %s v%d", recordName, version).isNotEmpty();
            WriterFields writerFields = new WriterFields(released.get(version - 1));
            for (Map.Entry<String, byte[]> fixture : fixtures.entrySet()) {
                T expected = samples.get(fixture.getKey());
                assertThat(expected).as("sample for fixture %s", fixture.getKey()).isNotNull();
                writerFields.assertSame("v" + version + "/" + fixture.getKey(), expected, decode.apply(fixture.getValue()));
            }
        }
    }

    @Test
    void theRunningSummaryFixtureKeepsItsNullFieldsNull() {
        RunSummary running = RunSummaryCodec.decode(FixtureFiles.read(1, FixtureFiles.RUN_SUMMARY).get("running"));

        assertThat(running.getEndTime()).isNull();
        assertThat(running.getLastOffset()).isNull();
        assertThat(running.getWatchMetricBest()).isNull();
    }
}
