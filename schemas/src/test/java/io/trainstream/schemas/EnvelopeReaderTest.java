package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.TrainerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EventCodec} reads current-schema envelopes with {@link EnvelopeReader}: it must return what Avro's
 * reader returns, and fail where Avro fails.
 */
class EnvelopeReaderTest {

    /** Avro's own reader, as the codec was before the envelope reader. */
    private static final SingleObjectCodec<TrainerEvent> AVRO = SingleObjectCodec.forReleased(TrainerEvent.class);

    @Test
    void readsWhatAvroReadsForEverySampleAndVariedFields() {
        SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
        List<TrainerEvent> events = new ArrayList<>(SampleEvents.all().values());
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            TrainerEvent base = events.get(random.nextInt(SampleEvents.all().size()));
            events.add(TrainerEvent.newBuilder(base).setRunId("run-" + "é🙂".repeat(random.nextInt(3)) + i)
                    .setSeq(random.nextLong()).setTime(Instant.ofEpochMilli(random.nextLong() >> 20))
                    .setProcessIndex(random.nextInt()).setEpoch(random.nextInt())
                    .setGlobalStep(random.nextLong()).setStep(random.nextBoolean() ? null : random.nextInt()).build());
        }
        for (TrainerEvent event : events) {
            byte[] bytes = EventCodec.encode(event);
            TrainerEvent ours = reader.decode(bytes);
            WriterFields.assertSameRecord(AVRO.decode(bytes), ours);
            WriterFields.assertSameRecord(AVRO.decode(bytes), EventCodec.decode(bytes));
            WriterFields.assertSameRecord(event, ours);
        }
    }

    @Test
    void agreesWithAvroOnMutatedBytes() {
        List<byte[]> seeds = new ArrayList<>();
        SampleEvents.all().values().forEach(e -> seeds.add(EventCodec.encode(e)));
        SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
        Random random = new Random(42);
        int bothFailed = 0;
        int bothRead = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = DecodingFuzzTest.mutate(seeds.get(random.nextInt(seeds.size())), random);
            Object avro = attempt(() -> AVRO.decode(input));
            Object ours = attempt(() -> reader.decode(input));
            Object oursStatic = attempt(() -> EventCodec.decode(input));
            if (avro instanceof EventDecodingException a) {
                assertThat(ours).as("input %d", i).isInstanceOf(EventDecodingException.class);
                assertThat(((EventDecodingException) ours).reason()).isEqualTo(a.reason());
                assertThat(oursStatic).as("input %d", i).isInstanceOf(EventDecodingException.class);
                bothFailed++;
            } else {
                assertThat(ours).as("input %d", i).isInstanceOf(TrainerEvent.class);
                // field by field: NaN fields make equal records unequal by equals(), and the maps' orders differ
                WriterFields.assertSameRecord((TrainerEvent) avro, (TrainerEvent) ours);
                WriterFields.assertSameRecord((TrainerEvent) avro, (TrainerEvent) oursStatic);
                bothRead++;
            }
        }
        assertThat(bothFailed).isPositive();
        assertThat(bothRead).isPositive();
    }

    @Test
    void readsEventsOfEveryReleasedSchemaThroughAvro() {
        SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
        int read = 0;
        for (int version = 1; version <= 9; version++) {
            for (Map.Entry<String, byte[]> fixture : FixtureFiles.read(version, FixtureFiles.EVENT).entrySet()) {
                WriterFields.assertSameRecord(AVRO.decode(fixture.getValue()), reader.decode(fixture.getValue()));
                WriterFields.assertSameRecord(AVRO.decode(fixture.getValue()), EventCodec.decode(fixture.getValue()));
                read++;
            }
        }
        assertThat(read).isGreaterThanOrEqualTo(SampleEvents.all().size());
    }

    @Test
    void readersMadeOnOneThreadReadRightOnOthers() throws Exception {
        // a thread's envelope reader is shared by the Readers made on it: a Reader handed to another
        // thread must use that thread's, or two threads decode through one reader's buffers at once
        List<TrainerEvent> samples = new ArrayList<>(SampleEvents.all().values());
        List<SingleObjectCodec.Reader<TrainerEvent>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(EventCodec.newReader());
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < readers.size(); t++) {
            SingleObjectCodec.Reader<TrainerEvent> reader = readers.get(t);
            TrainerEvent mine = TrainerEvent.newBuilder(samples.get(t * 3 % samples.size()))
                    .setRunId("run-" + t).setHost("host-" + t).build();
            byte[] bytes = EventCodec.encode(mine);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        TrainerEvent read = reader.decode(bytes);
                        if (!read.getRunId().equals(mine.getRunId()) || !read.getHost().equals(mine.getHost())) {
                            throw new AssertionError("read " + read.getRunId() + "/" + read.getHost() + " at " + i);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        // meanwhile this thread decodes through its own (shared) envelope reader too
        for (int i = 0; i < 20_000; i++) {
            assertThat(EventCodec.decode(EventCodec.encode(samples.get(0))).getRunId()).isEqualTo(SampleEvents.RUN_ID);
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(failures).isEmpty();
    }

    private static Object attempt(java.util.function.Supplier<Object> decode) {
        try {
            return decode.get();
        } catch (EventDecodingException e) {
            return e;
        }
    }
}
