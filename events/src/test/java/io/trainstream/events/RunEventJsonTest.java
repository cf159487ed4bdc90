package io.trainstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trainstream.schemas.json.EventJson;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The typed writer prints each kind exactly as the JSON-lines format of the wire record, also inside a larger document. */
class RunEventJsonTest {

    private final List<RunEvent> samples = List.copyOf(SampleRunEvents.everyKind().values());

    @Test
    void everyKindRendersAsItsWireRecordsJsonLine() throws Exception {
        assertThat(samples).hasSize(EventKind.values().length);
        for (RunEvent event : samples) {
            String line = RunEventJson.toJson(event);
            assertThat(line).as(event.kind().eventName()).isEqualTo(EventJson.toJson(AvroEvents.toAvro(event)))
                    .startsWith("{\"run_id\":\"run-7f3a\",\"seq\":" + event.seq() + ",")
                    .contains("\"event\":\"" + event.name() + "\"");
            StringWriter out = new StringWriter();
            RunEventJson.writeLine(event, out);
            assertThat(out).hasToString(line + "\n");
        }
    }

    @Test
    void writingToACallersGeneratorEmbedsTheSameObjectsAndLeavesItOpen() throws Exception {
        StringWriter out = new StringWriter();
        StringBuilder expected = new StringBuilder("{\"events\":[");
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("events");
            for (RunEvent event : samples) {
                RunEventJson.write(event, json);
                expected.append(expected.charAt(expected.length() - 1) == '[' ? "" : ",").append(RunEventJson.toJson(event));
            }
            json.writeEndArray();
            json.writeNumberField("after", 1);
            json.writeEndObject();
        }
        assertThat(out).hasToString(expected + "],\"after\":1}");
    }
}
