package io.trainstream.schemas;

import java.util.OptionalLong;

/**
 * Bytes could not be decoded into a trainstream record. The {@link #reason()} tells why; retrying
 * the same bytes never helps, though an upgraded reader may read an {@link Reason#UNKNOWN_SCHEMA}
 * record.
 */
public class EventDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** The bytes do not start with the single-object header {@code C3 01} plus a fingerprint. */
        NOT_SINGLE_OBJECT,
        /** The writer schema's fingerprint is not one this reader knows: likely a newer writer. */
        UNKNOWN_SCHEMA,
        /** The header is fine but the body does not decode with the writer schema it names. */
        CORRUPT_BODY
    }

    private final Reason reason;
    private final Long fingerprint;

    /**
     * Creates an exception.
     *
     * @param reason why decoding failed
     * @param fingerprint the writer schema fingerprint read from the header, or null if none was read
     * @param message a message for people
     * @param cause the underlying failure, or null
     */
    public EventDecodingException(Reason reason, Long fingerprint, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.fingerprint = fingerprint;
    }

    /**
     * Returns why decoding failed.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the writer schema fingerprint found in the header.
     *
     * @return the fingerprint (CRC-64-AVRO of the schema's parsing canonical form), or empty when the
     *     header was unreadable
     */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }

    /**
     * Renders a fingerprint the way messages of this exception do.
     *
     * @param fingerprint a schema fingerprint
     * @return 16 lowercase hex digits
     */
    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
