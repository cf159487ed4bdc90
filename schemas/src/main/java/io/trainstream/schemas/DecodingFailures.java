package io.trainstream.schemas;

import io.trainstream.schemas.EventDecodingException.Reason;
import java.util.Collection;
import java.util.stream.Collectors;

/** Builds the {@link EventDecodingException}s of {@link SingleObjectCodec}, with their messages. */
final class DecodingFailures {

    private DecodingFailures() {
    }

    static EventDecodingException tooShort(String recordName, int length, int headerLength) {
        return new EventDecodingException(Reason.NOT_SINGLE_OBJECT, null, String.format(
                "not an Avro single-object encoded %s: %d bytes, but the header alone takes %d",
                recordName, length, headerLength), null);
    }

    static EventDecodingException badMagic(String recordName, byte first, byte second) {
        return new EventDecodingException(Reason.NOT_SINGLE_OBJECT, null, String.format(
                "not an Avro single-object encoded %s: starts with %02X %02X instead of C3 01",
                recordName, first & 0xFF, second & 0xFF), null);
    }

    static EventDecodingException unknownSchema(String recordName, long fingerprint,
            Collection<? extends WriterSchema<?>> known) {
        String knownList = known.stream()
                .map(w -> w.label() + " " + EventDecodingException.hex(w.fingerprint()))
                .collect(Collectors.joining(", "));
        return new EventDecodingException(Reason.UNKNOWN_SCHEMA, fingerprint, String.format(
                "%s written with unknown schema fingerprint %s: it was likely written by a newer "
                        + "trainstream version; upgrade this reader (it knows %s)",
                recordName, EventDecodingException.hex(fingerprint), knownList), null);
    }

    static EventDecodingException corruptBody(String recordName, WriterSchema<?> writer, String detail,
            Throwable cause) {
        return new EventDecodingException(Reason.CORRUPT_BODY, writer.fingerprint(), String.format(
                "corrupt %s body (writer schema %s, fingerprint %s): %s",
                recordName, writer.label(), EventDecodingException.hex(writer.fingerprint()), detail), cause);
    }
}
