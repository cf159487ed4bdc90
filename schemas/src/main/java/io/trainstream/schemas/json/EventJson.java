package io.trainstream.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.trainstream.schemas.text.TerminalText;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.TrainerEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders a {@link TrainerEvent} as one line of JSON, a public format.
 *
 * <p>Keys, in this order: {@code run_id}; {@code seq}; {@code time} (ISO-8601 UTC with milliseconds,
 * e.g. {@code 2024-05-01T12:00:00.250Z}); {@code event} (see {@link EventNames}: e.g.
 * {@code train_step_end}, or a custom event's own name); {@code epoch}; {@code global_step};
 * {@code step} (only when the event has one); {@code payload}: the payload record's fields by
 * their snake_case names, leaving out null fields; for a custom event, its fields (nulls kept).
 * Doubles NaN, Infinity and -Infinity become the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; enum values are lower case; map keys are sorted.
 *
 * <p>Thread-safe.
 */
public final class EventJson {

    /** Jackson escapes C0 controls by itself; DEL, C1 controls and bidi overrides are escaped too (same JSON value). */
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new TerminalSafeEscapes());

    private EventJson() {
    }

    /**
     * Renders an event as a JSON object on one line.
     *
     * @param event the event
     * @return the JSON text, without a line break
     */
    public static String toJson(TrainerEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(event, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render event as JSON", e);
        }
        return out.toString();
    }

    /**
     * Appends an event as one JSON line, line break included.
     *
     * @param event the event
     * @param out where to write
     * @throws IOException when {@code out} fails
     */
    public static void writeLine(TrainerEvent event, Writer out) throws IOException {
        out.write(toJson(event));
        out.write('\n');
    }

    /** {@code \\uXXXX} for every character {@link TerminalText#needsEscape} names, so piping events to a terminal is safe. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.needsEscape(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /**
     * Writes an event as one JSON object to a caller's generator: the one writer of this format, for
     * callers that embed events in larger documents (the dashboard's REST and stream messages) without
     * rendering text and parsing it back. The generator's own character escapes apply (same JSON value).
     *
     * @param event the event
     * @param json where to write; left open
     * @throws IOException when the generator fails
     */
    public static void write(TrainerEvent event, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("run_id", event.getRunId());
        json.writeNumberField("seq", event.getSeq());
        json.writeStringField("time", JsonValues.formatTime(event.getTime()));
        json.writeStringField("event", EventNames.nameOf(event));
        json.writeNumberField("epoch", event.getEpoch());
        json.writeNumberField("global_step", event.getGlobalStep());
        if (event.getStep() != null) {
            json.writeNumberField("step", event.getStep());
        }
        json.writeFieldName("payload");
        Object payload = event.getPayload();
        JsonValues.write(json, payload instanceof CustomEvent custom ? custom.getFields() : payload);
        json.writeEndObject();
    }
}
