package io.trainstream.schemas;

import io.trainstream.schemas.avro.TrainerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Writes a {@link TrainerEvent}'s Avro binary body field by field, and its payload with the payload's
 * generated {@code customEncode}: the bytes Avro's {@link SpecificDatumWriter} writes, at a fraction of
 * the cost.
 *
 * <p>Why: the generated envelope has no custom coder (Avro generates none for a record with a
 * logical-type field, here {@code time}), so Avro's generic writer resolved every field, converted the
 * timestamp through a boxed {@code Long} and looked the payload's union branch up by name, per event, on
 * the publisher's sender thread. Every payload record has a custom coder, so only the envelope needs
 * writing by hand. {@link #fits(Schema)} checks the schema field by field; {@link EventCodec} uses this
 * writer only for a schema it fits, and the tests compare its bytes with Avro's for every kind of event.
 *
 * <p>Not thread-safe: one instance per thread (the codec keeps one per thread).
 */
final class EnvelopeWriter {

    /** The envelope's fields this writer writes, in order, as name and Avro type. */
    private static final List<String> FIELDS = List.of("run_id:STRING", "seq:LONG", "time:LONG",
            "process_index:INT", "process_count:INT", "host:STRING", "type:ENUM", "epoch:INT", "global_step:LONG",
            "step:UNION", "payload:UNION");

    private final Map<Class<?>, Integer> payloadBranches = new HashMap<>();
    /** Per payload branch without a custom coder (none today but CustomEvent): Avro's writer for it. */
    private final SpecificDatumWriter<Object>[] generic;
    /**
     * Avro's writer for a whole event whose payload is of no generated branch class (a generic record or a
     * subclass, through {@code EventCodec.codec().encode}): Avro resolves those by schema name.
     */
    private final SpecificDatumWriter<TrainerEvent> whole;

    @SuppressWarnings("unchecked")
    EnvelopeWriter(Schema envelope) {
        if (!fits(envelope)) {
            throw new IllegalArgumentException("the envelope writer does not fit this schema: " + envelope);
        }
        List<Schema> branches = envelope.getField("payload").schema().getTypes();
        SpecificData model = SpecificData.getForSchema(envelope);
        whole = new SpecificDatumWriter<>(envelope, model);
        generic = new SpecificDatumWriter[branches.size()];
        for (int i = 0; i < branches.size(); i++) {
            Class<?> type = model.getClass(branches.get(i));
            payloadBranches.put(type, i);
            if (!hasCustomCoder(type)) {
                generic[i] = new SpecificDatumWriter<>(branches.get(i), model);
            }
        }
    }

    /**
     * @param envelope a TrainerEvent schema
     * @return true when its fields are exactly those this writer writes: names, types and order, the time a
     *     {@code timestamp-millis} long, the step {@code ["null", "int"]}, every payload branch a record
     */
    static boolean fits(Schema envelope) {
        List<String> actual = new ArrayList<>();
        for (Schema.Field field : envelope.getFields()) {
            actual.add(field.name() + ":" + field.schema().getType());
        }
        if (!actual.equals(FIELDS)) {
            return false;
        }
        LogicalType time = envelope.getField("time").schema().getLogicalType();
        List<Schema> step = envelope.getField("step").schema().getTypes();
        boolean stepFits = step.size() == 2 && step.get(0).getType() == Schema.Type.NULL
                && step.get(1).getType() == Schema.Type.INT;
        boolean payloadsAreRecords = envelope.getField("payload").schema().getTypes().stream()
                .allMatch(branch -> branch.getType() == Schema.Type.RECORD);
        return time != null && "timestamp-millis".equals(time.getName()) && stepFits && payloadsAreRecords;
    }

    /**
     * Writes the body; a required field left null fails as it does with Avro's writer.
     *
     * @throws IOException from the encoder
     * @throws NullPointerException when a required field is null
     * @throws RuntimeException what Avro's writer throws for a payload of no branch of the union
     */
    void write(TrainerEvent event, Encoder out) throws IOException {
        Object payload = event.getPayload();
        Integer branch = payload == null ? null : payloadBranches.get(payload.getClass());
        if (branch == null) {
            whole.write(event, out); // before any byte is written: Avro fails or resolves it as it always did
            return;
        }
        out.writeString(Objects.requireNonNull(event.getRunId(), "run_id"));
        out.writeLong(event.getSeq());
        out.writeLong(Objects.requireNonNull(event.getTime(), "time").toEpochMilli());
        out.writeInt(event.getProcessIndex());
        out.writeInt(event.getProcessCount());
        out.writeString(Objects.requireNonNull(event.getHost(), "host"));
        out.writeEnum(Objects.requireNonNull(event.getType(), "type").ordinal());
        out.writeInt(event.getEpoch());
        out.writeLong(event.getGlobalStep());
        Integer step = event.getStep();
        if (step == null) {
            out.writeIndex(0);
            out.writeNull();
        } else {
            out.writeIndex(1);
            out.writeInt(step);
        }
        writePayload(payload, branch, out);
    }

    private void writePayload(Object payload, int branch, Encoder out) throws IOException {
        out.writeIndex(branch);
        if (generic[branch] != null) {
            generic[branch].write(payload, out);
        } else {
            ((SpecificRecordBase) payload).customEncode(out);
        }
    }

    /** A generated record declares {@code customEncode} only when Avro generated a custom coder for it. */
    static boolean hasCustomCoder(Class<?> type) {
        try {
            type.getDeclaredMethod("customEncode", Encoder.class);
            return SpecificRecordBase.class.isAssignableFrom(type);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
