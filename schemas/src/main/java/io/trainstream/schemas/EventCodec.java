package io.trainstream.schemas;

import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.avro.Schema;

/**
 * Turns a {@link TrainerEvent} into single-object encoded bytes and back: the value format of the
 * events topic.
 *
 * <p>{@link #decode(byte[])} reads events written with every released envelope schema. All methods
 * are thread-safe and parse no schema per call.
 */
public final class EventCodec {

    private static final SingleObjectCodec<TrainerEvent> CODEC = withEnvelopeCoders(
            SingleObjectCodec.forReleased(TrainerEvent.class));

    private EventCodec() {
    }

    /**
     * Writes envelopes with {@link EnvelopeWriter} and reads those of the current schema with
     * {@link EnvelopeReader} (a fraction of Avro's generic writer's and reader's cost, same bytes, same
     * records) when they fit the current schema; else uses Avro's.
     */
    static SingleObjectCodec<TrainerEvent> withEnvelopeCoders(SingleObjectCodec<TrainerEvent> codec) {
        Schema envelope = TrainerEvent.getClassSchema();
        if (!EnvelopeWriter.fits(envelope)) {
            return codec;
        }
        // one envelope reader per thread, shared by the thread's Readers: building one resolves each payload's
        // schema, and consumers make a Reader per chunk of records (it was an eighth of a ConsumerRunner's time)
        ThreadLocal<EnvelopeReader> readers = ThreadLocal.withInitial(() -> new EnvelopeReader(envelope));
        return codec.withBodyCoders(() -> new EnvelopeWriter(envelope)::write, () -> readers.get()::read);
    }

    /**
     * Encodes an event with the current schema, after checking that its payload suits its type.
     *
     * @param event the event
     * @return {@code C3 01}, the schema fingerprint, the Avro binary body
     * @throws IllegalArgumentException when the payload does not suit the type (see
     *     {@link EventPayloads}) or a required field is null
     */
    public static byte[] encode(TrainerEvent event) {
        EventPayloads.check(event);
        return CODEC.encode(event);
    }

    /**
     * Decodes an event written with any released schema version.
     *
     * @param bytes one whole record value
     * @return the event
     * @throws EventDecodingException when the bytes are not single-object encoded, name an unknown
     *     schema (probably a newer writer), or hold a corrupt body
     */
    public static TrainerEvent decode(byte[] bytes) {
        return CODEC.decode(bytes);
    }

    /**
     * Returns a reader that decodes as {@link #decode} does, keeping its buffers itself rather than per
     * thread: for a thread that decodes many events in a row.
     *
     * @return a new reader; not thread-safe
     */
    public static SingleObjectCodec.Reader<TrainerEvent> newReader() {
        return CODEC.newReader();
    }

    /**
     * Returns the codec behind this class, e.g. to {@linkplain SingleObjectCodec#withWriterSchema add}
     * a schema shipped by a newer producer.
     *
     * @return the shared codec
     */
    public static SingleObjectCodec<TrainerEvent> codec() {
        return CODEC;
    }
}
