package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The hand-written envelope writer must write exactly Avro's bytes, and step aside for a schema it does not fit. */
class EnvelopeWriterTest {

    /** Avro's own writer, as the codec was before the envelope writer. */
    private static final SingleObjectCodec<TrainerEvent> AVRO = SingleObjectCodec.forReleased(TrainerEvent.class);

    @Test
    void fitsTheCurrentSchema() {
        assertThat(EnvelopeWriter.fits(TrainerEvent.getClassSchema())).isTrue();
    }

    @Test
    void writesAvrosBytesForEverySample() {
        for (Map.Entry<String, TrainerEvent> sample : SampleEvents.all().entrySet()) {
            assertThat(EventCodec.encode(sample.getValue())).as(sample.getKey())
                    .isEqualTo(AVRO.encode(sample.getValue()));
        }
    }

    @Test
    void writesAvrosBytesForVariedFieldValues() {
        Random random = new Random(11);
        List<TrainerEvent> events = new ArrayList<>();
        String[] texts = {"", "r", "run-é-世界-🙂", "x".repeat(300)};
        long[] longs = {0, 1, -1, 63, 64, -65, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        int[] ints = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 127, 128};
        List<TrainerEvent> samples = new ArrayList<>(SampleEvents.all().values());
        for (int i = 0; i < 400; i++) {
            TrainerEvent base = samples.get(random.nextInt(samples.size()));
            events.add(TrainerEvent.newBuilder(base)
                    .setRunId(texts[random.nextInt(texts.length)])
                    .setSeq(longs[random.nextInt(longs.length)])
                    .setTime(Instant.ofEpochMilli(random.nextBoolean() ? -random.nextInt(1_000_000) : random.nextLong() >>> 24))
                    .setProcessIndex(ints[random.nextInt(ints.length)])
                    .setProcessCount(ints[random.nextInt(ints.length)])
                    .setHost(texts[random.nextInt(texts.length)])
                    .setEpoch(ints[random.nextInt(ints.length)])
                    .setGlobalStep(longs[random.nextInt(longs.length)])
                    .setStep(random.nextBoolean() ? null : ints[random.nextInt(ints.length)])
                    .build());
        }
        for (TrainerEvent event : events) {
            assertThat(EventCodec.encode(event)).as(event.toString()).isEqualTo(AVRO.encode(event));
        }
    }

    @Test
    void aNullRequiredFieldFailsAsWithAvro() {
        TrainerEvent event = SampleEvents.event(1, EventType.TRAIN_STEP_START, 0, new Lifecycle());
        event.put("host", null);
        TrainerEvent next = SampleEvents.all().get("metric-update");
        byte[] expected = AVRO.encode(next);

        assertThatThrownBy(() -> EventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot encode TrainerEvent");
        assertThatThrownBy(() -> AVRO.encode(event)).isInstanceOf(IllegalArgumentException.class);
        // each failed call left the fields before host in its encoder's buffer: none may leak into the next record
        assertThat(EventCodec.encode(next)).isEqualTo(expected);
        assertThat(AVRO.encode(next)).isEqualTo(expected);
    }

    @Test
    void doesNotFitAnEnvelopeWithAFieldMoreOrMovedOrRetyped() {
        Schema current = TrainerEvent.getClassSchema();
        List<Schema.Field> fields = copy(current.getFields());
        fields.add(new Schema.Field("note", Schema.create(Schema.Type.STRING), null, (Object) null));
        assertThat(EnvelopeWriter.fits(record(fields))).isFalse();

        List<Schema.Field> moved = copy(current.getFields());
        moved.add(0, moved.remove(1));
        assertThat(EnvelopeWriter.fits(record(moved))).isFalse();

        List<Schema.Field> plainTime = copy(current.getFields());
        plainTime.set(2, new Schema.Field("time", Schema.create(Schema.Type.LONG), null, (Object) null));
        assertThat(EnvelopeWriter.fits(record(plainTime))).isFalse();

        List<Schema.Field> longStep = copy(current.getFields());
        longStep.set(9, new Schema.Field("step", SchemaBuilder.unionOf().nullType().and().longType().endUnion(), null,
                Schema.Field.NULL_DEFAULT_VALUE));
        Schema withLongStep = record(longStep);
        assertThat(EnvelopeWriter.fits(withLongStep)).isFalse();
        assertThatThrownBy(() -> new EnvelopeWriter(withLongStep)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachThreadGetsItsOwnWriter() throws Exception {
        TrainerEvent a = SampleEvents.event(1, EventType.TRAIN_STEP_END, 3,
                StepEnd.newBuilder().setLoss(0.5).setBatchSize(8).build());
        TrainerEvent b = SampleEvents.all().get("run-start");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            TrainerEvent mine = t % 2 == 0 ? a : b;
            byte[] expected = AVRO.encode(mine);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!java.util.Arrays.equals(EventCodec.encode(mine), expected)) {
                        failures.add(new AssertionError("different bytes at " + i));
                        return;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aPayloadOfNoGeneratedClassIsWrittenAsAvroWritesIt() {
        // through the codec itself (EventCodec.encode's payload check refuses it): Avro resolves a generic
        // record by its schema's name, and so must the envelope writer, by handing the event to Avro's writer
        org.apache.avro.generic.GenericData.Record metric =
                new org.apache.avro.generic.GenericData.Record(io.trainstream.schemas.avro.MetricUpdate.getClassSchema());
        metric.put("name", "eval_loss_epoch");
        metric.put("value", 0.25);
        TrainerEvent event = SampleEvents.event(3, EventType.METRIC_UPDATE, null, metric);

        assertThat(EventCodec.codec().encode(event)).isEqualTo(AVRO.encode(event));
    }

    @Test
    void findsTheCustomCoderOfExactlyThePayloadsAvroGeneratedOneFor() throws Exception {
        java.lang.reflect.Method hasCustomCoders =
                org.apache.avro.specific.SpecificRecordBase.class.getDeclaredMethod("hasCustomCoders");
        hasCustomCoders.setAccessible(true);
        int withCoder = 0;
        for (Schema branch : TrainerEvent.getClassSchema().getField("payload").schema().getTypes()) {
            Class<?> type = org.apache.avro.specific.SpecificData.get().getClass(branch);
            Object blank = type.getDeclaredConstructor().newInstance();
            boolean generated = (boolean) hasCustomCoders.invoke(blank);
            assertThat(EnvelopeWriter.hasCustomCoder(type)).as(type.getSimpleName()).isEqualTo(generated);
            withCoder += generated ? 1 : 0;
        }
        assertThat(withCoder).isPositive();
    }

    private static List<Schema.Field> copy(List<Schema.Field> fields) {
        List<Schema.Field> copies = new ArrayList<>();
        for (Schema.Field f : fields) {
            copies.add(new Schema.Field(f, f.schema()));
        }
        return copies;
    }

    private static Schema record(List<Schema.Field> fields) {
        return Schema.createRecord("TrainerEvent", null, "io.trainstream.schemas.avro", false, fields);
    }
}
