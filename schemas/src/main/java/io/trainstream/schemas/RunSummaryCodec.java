package io.trainstream.schemas;

import io.trainstream.schemas.avro.RunSummary;

/**
 * Turns a {@link RunSummary} into single-object encoded bytes and back: the value format of the
 * compacted runs topic.
 *
 * <p>{@link #decode(byte[])} reads summaries written with every released schema. All methods are
 * thread-safe and parse no schema per call.
 */
public final class RunSummaryCodec {

    private static final SingleObjectCodec<RunSummary> CODEC = SingleObjectCodec.forReleased(RunSummary.class);

    private RunSummaryCodec() {
    }

    /**
     * Encodes a summary with the current schema.
     *
     * @param summary the summary
     * @return {@code C3 01}, the schema fingerprint, the Avro binary body
     * @throws IllegalArgumentException when a required field is null
     */
    public static byte[] encode(RunSummary summary) {
        return CODEC.encode(summary);
    }

    /**
     * Decodes a summary written with any released schema version.
     *
     * @param bytes one whole record value
     * @return the summary
     * @throws EventDecodingException when the bytes are not single-object encoded, name an unknown
     *     schema (probably a newer writer), or hold a corrupt body
     */
    public static RunSummary decode(byte[] bytes) {
        return CODEC.decode(bytes);
    }

    /**
     * Returns the codec behind this class.
     *
     * @return the shared codec
     */
    public static SingleObjectCodec<RunSummary> codec() {
        return CODEC;
    }
}
