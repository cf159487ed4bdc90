package io.trainstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trainstream.schemas.json.EventJson;

import java.io.IOException;
import java.io.Writer;

/**
 * A typed event in the public JSON-lines format (documented on the schemas' {@link EventJson}): the one
 * writer that both the {@code events} command and the dashboard use.
 *
 * <p>The format is defined on the wire record (each payload record's fields by their schema names), so a
 * typed event goes through its one mapping, {@link AvroEvents#toAvro}, and {@link EventJson} writes it:
 * a field added to a schema shows up here without a second list of names to keep in step.
 *
 * <p>Thread-safe.
 */
public final class RunEventJson {

    private RunEventJson() {
    }

    /**
     * Writes the event as one JSON object to a caller's generator (which stays open).
     *
     * @param event the event
     * @param json where to write
     * @throws IOException when the generator fails
     */
    public static void write(RunEvent event, JsonGenerator json) throws IOException {
        EventJson.write(AvroEvents.toAvro(event), json);
    }

    /**
     * Renders the event as a JSON object on one line, with the format's terminal-safe escapes.
     *
     * @param event the event
     * @return the JSON text, without a line break
     */
    public static String toJson(RunEvent event) {
        return EventJson.toJson(AvroEvents.toAvro(event));
    }

    /**
     * Appends the event as one JSON line, line break included.
     *
     * @param event the event
     * @param out where to write
     * @throws IOException when {@code out} fails
     */
    public static void writeLine(RunEvent event, Writer out) throws IOException {
        EventJson.writeLine(AvroEvents.toAvro(event), out);
    }
}
