package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.json.EventJson;

import java.io.UncheckedIOException;

/**
 * The dashboard's one JSON mapper. Doubles NaN and ±Infinity are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as in the JSON-lines format.
 */
final class DashboardJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event's JSON-lines object as a tree (the public format, defined on the wire record). */
    static JsonNode event(RunEvent event) {
        try {
            return MAPPER.readTree(EventJson.toJson(AvroEvents.toAvro(event)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
