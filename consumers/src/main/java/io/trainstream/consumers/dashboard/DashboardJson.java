package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunEventJson;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The dashboard's one JSON mapper. The state keeps typed {@link RunEvent}s; they become JSON only here,
 * when a REST answer or a stream message is written, as their JSON-lines object ({@link RunEventJson},
 * the {@code events} command's format: doubles NaN and ±Infinity as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}).
 */
final class DashboardJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("trainstream-events").addSerializer(new RunEventSerializer()));

    private DashboardJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a typed event straight into the message being generated (no text rendered and parsed back). */
    private static final class RunEventSerializer extends StdSerializer<RunEvent> {
        private static final long serialVersionUID = 1L;

        RunEventSerializer() {
            super(RunEvent.class);
        }

        @Override
        public void serialize(RunEvent event, JsonGenerator json, SerializerProvider provider) throws IOException {
            RunEventJson.write(event, json);
        }
    }
}
