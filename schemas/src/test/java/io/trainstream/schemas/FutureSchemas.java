package io.trainstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.avro.Schema;

/**
 * Made-up next versions of the envelope, as a newer trainstream might release them: one with an
 * added nullable field {@code trace_id} and an added event type {@code GRADIENT_NORM}; one with an
 * added payload record {@code GradientNorm}.
 */
final class FutureSchemas {

    static final String NEW_SYMBOL = "GRADIENT_NORM";

    private FutureSchemas() {
    }

    static Schema trainerEventV2() {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(TrainerEvent.getClassSchema().toString());
            ArrayNode fields = (ArrayNode) root.get("fields");
            for (JsonNode field : fields) {
                if (field.get("name").asText().equals("type")) {
                    ArrayNode symbols = (ArrayNode) field.get("type").get("symbols");
                    symbols.insert(symbols.size() - 1, NEW_SYMBOL);
                }
            }
            fields.add(mapper.readTree("{\"name\":\"trace_id\",\"type\":[\"null\",\"string\"],\"default\":null}"));
            return new Schema.Parser().parse(mapper.writeValueAsString(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Schema trainerEventWithNewPayload() {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(TrainerEvent.getClassSchema().toString());
            for (JsonNode field : root.get("fields")) {
                if (field.get("name").asText().equals("payload")) {
                    ((ArrayNode) field.get("type")).add(mapper.readTree("{\"type\":\"record\",\"name\":"
                            + "\"GradientNorm\",\"fields\":[{\"name\":\"norm\",\"type\":\"double\"}]}"));
                }
            }
            return new Schema.Parser().parse(mapper.writeValueAsString(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
