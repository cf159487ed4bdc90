package io.trainstream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one generated record class in Avro single-object encoding and decodes it from any
 * writer schema it knows.
 *
 * <p>Encoding writes what Avro's {@code BinaryMessageEncoder} writes — {@code C3 01}, the 8-byte
 * little-endian CRC-64-AVRO fingerprint of the writer schema, then the binary body — but with the
 * header computed once and a per-thread writer, encoder and buffer reused across calls (the
 * publisher's sender thread encodes every event; Avro's encoder spent a third of its time in
 * thread-local bookkeeping and an extra copy). Decoding reads the header
 * itself, picks the writer schema by fingerprint and decodes the body from the byte array, where
 * Avro bounds every length by the bytes left. (Avro's {@code BinaryMessageDecoder} reads the body
 * from a stream that cannot tell how many bytes are left, so a corrupt length can make it allocate
 * up to 2 GiB.) Every failure is an {@link EventDecodingException}.
 *
 * <p>Instances are immutable and thread-safe; schemas are parsed and readers built once, when the
 * codec is created.
 *
 * @param <T> the generated record class
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

    static {
        AvroClassTrust.install();
    }

    private static final int HEADER_LENGTH = 10;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final byte[] header;
    private final Supplier<BodyWriter<T>> bodyWriters;
    /** Gives the calling thread a reader of bodies written with the current schema; null: Avro's reader. */
    private final Supplier<BodyReader<T>> bodyReaders;
    private final ThreadLocal<EncodeBuffers<T>> encodeBuffers;
    private final Map<Long, WriterSchema<T>> writers;
    /** The current schema's reader (Class.getSimpleName per record showed as a seventh of a consumer's time). */
    private final WriterSchema<T> current;
    private final String name;

    private SingleObjectCodec(Class<T> type, Map<Long, WriterSchema<T>> writers, Supplier<BodyWriter<T>> bodyWriters,
            Supplier<BodyReader<T>> bodyReaders) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.header = header(SchemaNormalization.parsingFingerprint64(readerSchema));
        this.bodyReaders = bodyReaders;
        this.bodyWriters = bodyWriters != null ? bodyWriters : () -> new SpecificDatumWriter<>(readerSchema, model)::write;
        this.encodeBuffers = ThreadLocal.withInitial(() -> new EncodeBuffers<>(this.bodyWriters.get()));
        this.writers = Collections.unmodifiableMap(new LinkedHashMap<>(writers));
        this.current = writers.get(SchemaNormalization.parsingFingerprint64(readerSchema));
        this.name = type.getSimpleName();
    }

    /**
     * Creates a codec that reads every released version of {@code type}'s schema and its current one.
     *
     * @param type a generated record class, e.g. {@code TrainerEvent.class}
     * @param <T> the generated record class
     * @return a codec for it
     */
    public static <T extends SpecificRecord> SingleObjectCodec<T> forReleased(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        Map<Long, WriterSchema<T>> writers = new LinkedHashMap<>();
        List<Schema> released = ReleasedSchemas.load(type.getSimpleName());
        for (int i = 0; i < released.size(); i++) {
            WriterSchema<T> writer = WriterSchema.of("v" + (i + 1), released.get(i), current, model);
            writers.put(writer.fingerprint(), writer);
        }
        writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(current),
                WriterSchema.of("current (unreleased)", current, current, model));
        return new SingleObjectCodec<>(type, writers, null, null);
    }

    /**
     * Returns a codec that also reads records written with another schema, e.g. a newer version
     * shipped by a newer producer.
     *
     * <p>Avro resolves the writer schema to the current one when a record of it is read, so a schema
     * that breaks the compatibility rules shows as {@link EventDecodingException.Reason#CORRUPT_BODY}
     * then. (Avro's {@code SchemaCompatibility} would refuse schemas that Avro reads well, such as
     * one with a payload record appended to the union.)
     *
     * @param writerSchema a later version of the same record
     * @return a new codec; this one is unchanged
     * @throws IllegalArgumentException when the schema is not of the same record
     */
    public SingleObjectCodec<T> withWriterSchema(Schema writerSchema) {
        if (!readerSchema.getFullName().equals(writerSchema.getFullName())) {
            throw new IllegalArgumentException("a " + writerSchema.getFullName() + " schema is no "
                    + readerSchema.getFullName() + " schema");
        }
        Map<Long, WriterSchema<T>> more = new LinkedHashMap<>(writers);
        WriterSchema<T> writer = WriterSchema.of("added", writerSchema, readerSchema, model);
        more.putIfAbsent(writer.fingerprint(), writer);
        return new SingleObjectCodec<>(type, more, bodyWriters, bodyReaders);
    }

    /**
     * Returns the schemas this codec reads.
     *
     * @return the writer schemas: released versions oldest first, then any added ones
     */
    public Collection<Schema> writerSchemas() {
        List<Schema> schemas = new ArrayList<>();
        writers.values().forEach(w -> schemas.add(w.schema()));
        return schemas;
    }

    /**
     * Encodes a record with the current schema.
     *
     * @param record the record; every non-nullable field set
     * @return header plus body
     * @throws IllegalArgumentException when Avro cannot write the record (e.g. a required field is null)
     */
    public byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        EncodeBuffers<T> buffers = encodeBuffers.get();
        try {
            // a buffered encoder (fewer, larger writes to the stream than a direct one: encoding took 40% less
            // time in bench publishpath's JMH). Reconfiguring it flushes what a failed call left in its buffer,
            // so that comes before the reset which discards it
            buffers.encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
            buffers.out.reset();
            buffers.out.write(header, 0, header.length);
            buffers.writer.write(record, buffers.encoder);
            buffers.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return buffers.out.toByteArray();
    }

    /**
     * Returns a codec that writes record bodies with its own writers instead of Avro's generic one, and
     * reads bodies written with the current schema with its own readers; they must write and read what
     * Avro's would. Other writer schemas still go through Avro's resolving reader.
     *
     * @param writers makes one writer per encoding thread
     * @param readers gives a reader for the calling thread: once per {@link Reader}, once per {@link #decode}
     */
    SingleObjectCodec<T> withBodyCoders(Supplier<BodyWriter<T>> writers, Supplier<BodyReader<T>> readers) {
        return new SingleObjectCodec<>(type, this.writers, Objects.requireNonNull(writers, "writers"),
                Objects.requireNonNull(readers, "readers"));
    }

    /**
     * Writes one record's Avro binary body, exactly as Avro's writer for the current schema would.
     *
     * @param <T> the generated record class
     */
    @FunctionalInterface
    interface BodyWriter<T> {
        /**
         * @param record the record
         * @param out where the body goes
         * @throws IOException from the encoder
         */
        void write(T record, Encoder out) throws IOException;
    }

    /**
     * Reads one record's Avro binary body written with the current schema, exactly as Avro's reader would.
     *
     * @param <T> the generated record class
     */
    @FunctionalInterface
    interface BodyReader<T> {
        /**
         * @param in the body
         * @return the record
         * @throws IOException when the bytes end early or hold a length Avro refuses
         */
        T read(BinaryDecoder in) throws IOException;
    }

    private static byte[] header(long fingerprint) {
        byte[] bytes = new byte[HEADER_LENGTH];
        bytes[0] = (byte) 0xC3;
        bytes[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            bytes[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return bytes;
    }

    /** One thread's reusable encoding state. */
    private static final class EncodeBuffers<T> {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final BodyWriter<T> writer;
        BinaryEncoder encoder;

        EncodeBuffers(BodyWriter<T> writer) {
            this.writer = writer;
        }
    }

    /**
     * Decodes a record written with any schema this codec knows.
     *
     * @param bytes a whole single-object encoded record
     * @return the record, in the current schema's shape
     * @throws EventDecodingException when the bytes are not such a record
     */
    public T decode(byte[] bytes) {
        WriterSchema<T> writer = writerOf(bytes);
        BinaryDecoder reuse = DECODERS.get();
        BinaryDecoder decoder = bodyDecoder(bytes, reuse);
        if (decoder != reuse) {
            // once per thread: a ThreadLocal.set per record cost more than the lookup (it showed in profiles)
            DECODERS.set(decoder);
        }
        return readBody(decoder, writer, writer == current && bodyReaders != null ? bodyReaders.get() : null);
    }

    /**
     * Returns a reader for one thread at a time, which keeps its Avro decoder itself instead of looking
     * it up per record (on a thread whose thread-locals collide, that lookup was a seventh of decoding).
     *
     * @return a new reader; not thread-safe
     */
    public Reader<T> newReader() {
        return new Reader<>(this);
    }

    /**
     * Decodes like {@link SingleObjectCodec#decode}, reusing its own buffers; for one thread at a time.
     *
     * @param <T> the generated record class
     */
    public static final class Reader<T extends SpecificRecord> {
        private final SingleObjectCodec<T> codec;
        /** The thread this reader was made on, whose body reader {@link #current} is. */
        private final Thread owner = Thread.currentThread();
        private final BodyReader<T> current;
        private BinaryDecoder decoder;

        private Reader(SingleObjectCodec<T> codec) {
            this.codec = codec;
            this.current = codec.bodyReaders == null ? null : codec.bodyReaders.get();
        }

        /**
         * @param bytes a whole single-object encoded record
         * @return the record, in the current schema's shape
         * @throws EventDecodingException when the bytes are not such a record
         */
        public T decode(byte[] bytes) {
            WriterSchema<T> writer = codec.writerOf(bytes);
            decoder = bodyDecoder(bytes, decoder);
            return codec.readBody(decoder, writer, writer == codec.current ? bodyReader() : null);
        }

        /**
         * The body reader of the thread decoding: a body reader is per thread, shared by the thread's
         * Readers, so a Reader handed to another thread must not take its maker's along.
         */
        private BodyReader<T> bodyReader() {
            if (current == null || Thread.currentThread() == owner) {
                return current;
            }
            return codec.bodyReaders.get();
        }
    }

    /** Checks the header and finds the writer schema it names. */
    private WriterSchema<T> writerOf(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_LENGTH) {
            throw DecodingFailures.tooShort(name, bytes.length, HEADER_LENGTH);
        }
        if (bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw DecodingFailures.badMagic(name, bytes[0], bytes[1]);
        }
        long fingerprint = littleEndianLong(bytes, 2);
        // nearly every record is written with the current schema: no boxed map lookup for it
        WriterSchema<T> writer = fingerprint == current.fingerprint() ? current : writers.get(fingerprint);
        if (writer == null) {
            throw DecodingFailures.unknownSchema(name, fingerprint, writers.values());
        }
        return writer;
    }

    private static BinaryDecoder bodyDecoder(byte[] bytes, BinaryDecoder reuse) {
        return DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, reuse);
    }

    /** @param body the reader for this writer schema's bodies, or null for Avro's */
    private T readBody(BinaryDecoder decoder, WriterSchema<T> writer, BodyReader<T> body) {
        T record;
        int left;
        try {
            record = body != null ? body.read(decoder) : writer.reader().read(null, decoder);
            left = decoder.remainingBytes();
        } catch (IOException | RuntimeException e) {
            throw DecodingFailures.corruptBody(name, writer, String.valueOf(e), e);
        }
        if (left != 0) {
            throw DecodingFailures.corruptBody(name, writer, left + " bytes after the record", null);
        }
        return record;
    }

    private static long littleEndianLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }
}
