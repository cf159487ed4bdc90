package io.trainstream.bench;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventPayloads;
import io.trainstream.schemas.SingleObjectCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.kafka.EventConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH micro-benchmarks of the publishing work: {@code convert} is what {@code publish()} does on the
 * training thread (besides a counter and a queue offer); {@code encode} is the sender thread's Avro
 * single-object encoding; {@code decode} is a consumer's, each beside the same work done by Avro's own
 * writer or reader. Events: one captured epoch of the benchmark MLP ({@link EventMix}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PublishPathJmh {

    /** Avro's generic writer and reader for the envelope, as EventCodec was before its envelope coders. */
    private static final SingleObjectCodec<TrainerEvent> AVRO_CODEC = SingleObjectCodec.forReleased(TrainerEvent.class);
    private final EventConverter converter = new EventConverter("bench-host");
    private RunEvent stepEnd;
    private RunEvent[] mix;
    private TrainerEvent[] converted;
    private byte[][] encoded;
    private final SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
    private final SingleObjectCodec.Reader<TrainerEvent> avroReader = AVRO_CODEC.newReader();
    private int next;

    /** Captures the events (trains one epoch). */
    @Setup(Level.Trial)
    public void setUp() {
        EventMix.Run run = EventMix.capture().run("run-jmh-0000000", 600);
        List<RunEvent> events = new ArrayList<>();
        while (run.hasNext()) {
            events.add(run.next());
        }
        mix = events.toArray(RunEvent[]::new);
        stepEnd = events.stream().filter(e -> e.kind() == EventKind.TRAIN_STEP_END).findFirst().orElseThrow();
        converted = events.stream().map(converter::convert).toArray(TrainerEvent[]::new);
        encoded = java.util.Arrays.stream(converted).map(EventCodec::encode).toArray(byte[][]::new);
    }

    /** @return one train_step_end converted */
    @Benchmark
    public TrainerEvent convertStepEnd() {
        return converter.convert(stepEnd);
    }

    /** @return the next event of the mix converted */
    @Benchmark
    public TrainerEvent convertMix() {
        int i = next(mix.length);
        return converter.convert(mix[i]);
    }

    /**
     * @return the next converted event of the mix encoded with Avro's generic writer for the envelope, as
     *     {@code EventCodec} did before its envelope writer: the same-run baseline of {@link #encodeMix}
     */
    @Benchmark
    public byte[] encodeMixAvroWriter() {
        int i = next(converted.length);
        EventPayloads.check(converted[i]);
        return AVRO_CODEC.encode(converted[i]);
    }

    /** @return the next event of the mix decoded as consumers decode it (one reader per thread) */
    @Benchmark
    public TrainerEvent decodeMix() {
        int i = next(encoded.length);
        return reader.decode(encoded[i]);
    }

    /** @return the same with Avro's resolving reader for the envelope: the baseline of {@link #decodeMix} */
    @Benchmark
    public TrainerEvent decodeMixAvroReader() {
        int i = next(encoded.length);
        return avroReader.decode(encoded[i]);
    }

    /** @return the next converted event of the mix encoded (sender thread) */
    @Benchmark
    public byte[] encodeMix() {
        int i = next(converted.length);
        return EventCodec.encode(converted[i]);
    }

    /** @return the index of the next event of the mix (every array holds the same events, in order) */
    private int next(int length) {
        int i = next;
        next = i + 1 == length ? 0 : i + 1;
        return i;
    }
}
