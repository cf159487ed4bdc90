package io.trainstream.schemas;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.TrainerEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;

/**
 * Reads a {@link TrainerEvent} body written with the current schema field by field, and its payload with
 * the payload's generated {@code customDecode}: the record Avro's reader returns, at a fraction of the cost.
 * The mirror of {@link EnvelopeWriter}, for the consumers' hot path: Avro's generic reader resolved every
 * envelope field through its grammar, converted the timestamp through a boxed {@code Long} and looked up
 * a per-thread resolver per record.
 *
 * <p>Only for bytes written with the current schema ({@link SingleObjectCodec} checks the fingerprint;
 * other writer schemas go through Avro's resolving reader). Not thread-safe: one per reading thread, which
 * its readers may share, since each {@link #read} leaves no state behind but the repeated strings.
 */
final class EnvelopeReader {

    private static final EventType[] TYPES = EventType.values();

    private final Schema[] branches;
    private final Class<?>[] branchClasses;
    /** Per payload branch with a custom coder: a resolver of the branch onto itself, reconfigured per record. */
    private final ResolvingDecoder[] resolvers;
    /** Per payload branch without a custom coder: Avro's reader for it. */
    private final SpecificDatumReader<Object>[] generic;
    /** Every event of a run repeats its run id and host: the last of each is kept, to skip decoding it again. */
    private final RepeatedString runIds = new RepeatedString();
    private final RepeatedString hosts = new RepeatedString();

    @SuppressWarnings("unchecked")
    EnvelopeReader(Schema envelope) {
        if (!EnvelopeWriter.fits(envelope)) {
            throw new IllegalArgumentException("the envelope reader does not fit this schema: " + envelope);
        }
        List<Schema> union = envelope.getField("payload").schema().getTypes();
        SpecificData model = SpecificData.getForSchema(envelope);
        branches = union.toArray(Schema[]::new);
        branchClasses = new Class<?>[branches.length];
        resolvers = new ResolvingDecoder[branches.length];
        generic = new SpecificDatumReader[branches.length];
        for (int i = 0; i < branches.length; i++) {
            branchClasses[i] = model.getClass(branches[i]);
            if (EnvelopeWriter.hasCustomCoder(branchClasses[i])) {
                try {
                    resolvers[i] = DecoderFactory.get().resolvingDecoder(branches[i], branches[i], null);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot resolve " + branches[i].getFullName(), e);
                }
            } else {
                generic[i] = new SpecificDatumReader<>(branches[i], branches[i], model);
            }
        }
    }

    /**
     * @param in the body, positioned at its start
     * @return the event
     * @throws IOException when the bytes end early or hold a length Avro refuses
     * @throws IllegalArgumentException when an enum or union index is out of range
     */
    TrainerEvent read(BinaryDecoder in) throws IOException {
        String runId = runIds.read(in);
        long seq = in.readLong();
        Instant time = Instant.ofEpochMilli(in.readLong());
        int processIndex = in.readInt();
        int processCount = in.readInt();
        String host = hosts.read(in);
        EventType type = TYPES[index(in.readEnum(), TYPES.length, "type")];
        int epoch = in.readInt();
        long globalStep = in.readLong();
        Integer step = null;
        if (index(in.readIndex(), 2, "step") == 1) {
            step = in.readInt();
        }
        Object payload = readPayload(index(in.readIndex(), branches.length, "payload"), in);
        return new TrainerEvent(runId, seq, time, processIndex, processCount, host, type, epoch, globalStep, step,
                payload);
    }

    private Object readPayload(int branch, BinaryDecoder in) throws IOException {
        if (generic[branch] != null) {
            return generic[branch].read(null, in);
        }
        SpecificRecordBase payload = (SpecificRecordBase) SpecificData.newInstance(branchClasses[branch],
                branches[branch]);
        if (branches[branch].getFields().isEmpty()) {
            return payload; // e.g. Lifecycle, half of all events: no bytes, nothing to resolve
        }
        ResolvingDecoder resolver = resolvers[branch];
        resolver.configure(in);
        payload.customDecode(resolver);
        resolver.drain();
        return payload;
    }

    /** A string field whose value mostly repeats: its last bytes and value. */
    private static final class RepeatedString {
        private Utf8 scratch = new Utf8();
        private Utf8 lastBytes;
        private String last;

        String read(BinaryDecoder in) throws IOException {
            scratch = in.readString(scratch);
            if (!scratch.equals(lastBytes)) {
                lastBytes = new Utf8(scratch);
                last = scratch.toString();
            }
            return last;
        }
    }

    private static int index(int value, int bound, String field) {
        if (value < 0 || value >= bound) {
            throw new IllegalArgumentException(field + " index " + value + " is out of range (0.." + (bound - 1) + ")");
        }
        return value;
    }
}
