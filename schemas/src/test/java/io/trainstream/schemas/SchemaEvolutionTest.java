package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainstream.schemas.EventDecodingException.Reason;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private final Schema v2 = FutureSchemas.trainerEventV2();

    @Test
    void theCurrentSchemasCanReadEveryReleasedVersion() {
        for (Schema released : ReleasedSchemas.load("TrainerEvent")) {
            assertThat(compatibility(TrainerEvent.getClassSchema(), released)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
        for (Schema released : ReleasedSchemas.load("RunSummary")) {
            assertThat(compatibility(RunSummary.getClassSchema(), released)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void aFutureReaderStillReadsTheOldFixtures() throws Exception {
        BinaryMessageDecoder<GenericRecord> futureReader = new BinaryMessageDecoder<>(GenericData.get(), v2);
        ReleasedSchemas.load("TrainerEvent").forEach(futureReader::addSchema);

        for (Map.Entry<String, byte[]> fixture : FixtureFiles.read(1, FixtureFiles.EVENT).entrySet()) {
            GenericRecord record = futureReader.decode(fixture.getValue());
            TrainerEvent expected = SampleEvents.all().get(fixture.getKey());
            assertThat(record.get("run_id")).as(fixture.getKey()).hasToString(expected.getRunId());
            assertThat(record.get("seq")).isEqualTo(expected.getSeq());
            assertThat(record.get("type")).hasToString(expected.getType().name());
            assertThat(record.get("trace_id")).isNull();
        }
    }

    @Test
    void aFutureRecordFailsWithAClearMessageWhileItsSchemaIsUnknown() throws Exception {
        byte[] future = futureRecord("INIT_END");

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decode(future));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(e.getMessage()).contains(EventDecodingException.hex(SchemaNormalization.parsingFingerprint64(v2)))
                .contains("newer trainstream version");
    }

    @Test
    void aFutureRecordDecodesOnceItsSchemaIsRegistered() throws Exception {
        SingleObjectCodec<TrainerEvent> upgraded = EventCodec.codec().withWriterSchema(v2);

        TrainerEvent event = upgraded.decode(futureRecord("INIT_END"));

        assertThat(event.getType()).isEqualTo(EventType.INIT_END);
        assertThat(event.getRunId()).isEqualTo(SampleEvents.RUN_ID);
        WriterFields.assertSameRecord(SampleEvents.all().get("lifecycle"),
                upgraded.decode(FixtureFiles.read(1, FixtureFiles.EVENT).get("lifecycle")));
    }

    @Test
    void anEventTypeAddedByANewerWriterReadsAsUnknown() throws Exception {
        TrainerEvent event = EventCodec.codec().withWriterSchema(v2).decode(futureRecord(FutureSchemas.NEW_SYMBOL));

        assertThat(event.getType()).isEqualTo(EventType.UNKNOWN);
    }

    @Test
    void aPayloadTypeAddedByANewerWriterReadsAsAnEventWithoutData() throws Exception {
        Schema withNewPayload = FutureSchemas.trainerEventWithNewPayload();
        BinaryMessageDecoder<GenericRecord> futureReader = new BinaryMessageDecoder<>(GenericData.get(), withNewPayload);
        futureReader.addSchema(TrainerEvent.getClassSchema());
        GenericRecord record = futureReader.decode(EventCodec.encode(SampleEvents.all().get("metric-update")));
        Schema gradientNorm = withNewPayload.getField("payload").schema().getTypes().get(12);
        GenericRecord payload = new GenericData.Record(gradientNorm);
        payload.put("norm", 3.5);
        record.put("payload", payload);
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), withNewPayload).encode(record));

        TrainerEvent event = EventCodec.codec().withWriterSchema(withNewPayload).decode(bytes);

        assertThat(event.getPayload()).as("Avro resolves an unknown record branch to the first record it can "
                + "read it as: Lifecycle, which must stay first in the union").isInstanceOf(Lifecycle.class);
        assertThat(event.getSeq()).isEqualTo(8L);
    }

    @Test
    void aSchemaOfAnotherRecordIsNotAcceptedAsAWriterSchema() {
        assertThatThrownBy(() -> EventCodec.codec().withWriterSchema(RunSummary.getClassSchema()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RunSummary");
    }

    @Test
    void lifecycleStaysTheFirstPayloadBranch() {
        assertThat(TrainerEvent.getClassSchema().getField("payload").schema().getTypes().get(0).getName())
                .isEqualTo("Lifecycle");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Writes the lifecycle sample as a newer producer would: v2 schema, trace id set, given type. */
    private byte[] futureRecord(String typeSymbol) throws Exception {
        BinaryMessageDecoder<GenericRecord> futureReader = new BinaryMessageDecoder<>(GenericData.get(), v2);
        futureReader.addSchema(TrainerEvent.getClassSchema());
        GenericRecord record = futureReader.decode(EventCodec.encode(SampleEvents.all().get("lifecycle")));
        record.put("trace_id", "trace-1");
        record.put("type", new GenericData.EnumSymbol(v2.getField("type").schema(), typeSymbol));
        return bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(record));
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
