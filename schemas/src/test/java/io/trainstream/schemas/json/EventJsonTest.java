package io.trainstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.schemas.SampleEvents;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.TrainerEvent;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String HEAD = "{\"run_id\":\"run-7f3a\",\"seq\":%d,\"time\":\"2024-05-01T12:00:00.250Z\","
            + "\"event\":\"%s\",\"epoch\":2,\"global_step\":17,";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, TrainerEvent> samples = SampleEvents.all();

    @Test
    void aMetricUpdateIsItsNameAndValueWithInfinityAsAString() {
        assertThat(EventJson.toJson(samples.get("metric-update"))).isEqualTo(String.format(HEAD, 8, "metric_update")
                + "\"payload\":{\"name\":\"eval_loss_epoch\",\"value\":\"-Infinity\"}}");
        assertThat(EventJson.toJson(samples.get("metric-update-nan"))).endsWith("\"value\":\"NaN\"}}");
    }

    @Test
    void anEventWithoutDataHasAnEmptyPayloadAndNoStep() {
        assertThat(EventJson.toJson(samples.get("lifecycle")))
                .isEqualTo(String.format(HEAD, 3, "train_epoch_start") + "\"payload\":{}}");
    }

    @Test
    void aTrainStepEndHasItsStepAndOmitsTheAbsentEvalOutputs() {
        assertThat(EventJson.toJson(samples.get("train-step-end"))).isEqualTo(String.format(HEAD, 4, "train_step_end")
                + "\"step\":2,\"payload\":{\"loss\":\"NaN\",\"batch_size\":64}}");
    }

    @Test
    void anEvalStepEndListsItsOutputsWithNonFiniteValuesAsStrings() {
        assertThat(EventJson.toJson(samples.get("eval-step-end"))).isEqualTo(String.format(HEAD, 5, "eval_step_end")
                + "\"payload\":{\"loss\":0.25,\"batch_size\":3,\"predictions\":[0.1,\"Infinity\",\"-Infinity\"],"
                + "\"targets\":[0.0,1.0,\"NaN\"],\"sample_ids\":[\"a\",\"b\",\"c\"]}}");
    }

    @Test
    void aCustomEventIsNamedByItsNameAndItsPayloadIsItsFieldsSorted() {
        assertThat(EventJson.toJson(samples.get("custom-event"))).isEqualTo(String.format(HEAD, 15, "verify_train_batch")
                + "\"step\":1,\"payload\":{\"count\":3,\"missing\":null,\"norm\":\"Infinity\",\"ok\":true,"
                + "\"ratio\":\"NaN\",\"shape\":\"64x20\",\"xb_head\":[0.5,\"NaN\",\"-Infinity\"]}}");
    }

    @Test
    void enumsAreLowerCaseAndNullFieldsAreLeftOut() {
        assertThat(EventJson.toJson(samples.get("run-end"))).isEqualTo(String.format(HEAD, 14, "run_end")
                + "\"payload\":{\"status\":\"stopped\",\"reason\":\"early stopping\",\"epochs_completed\":2,"
                + "\"global_step\":40}}");
        assertThat(EventJson.toJson(samples.get("epoch-change")))
                .endsWith("\"payload\":{\"epoch\":3,\"cause\":\"increment\"}}");
    }

    @Test
    void theOtherPayloadsRenderTheirFieldsInSnakeCase() throws Exception {
        assertThat(payload("eval-epoch-boundary").toString()).isEqualTo("{\"is_intermediate\":true}");
        assertThat(payload("stop-training").toString()).isEqualTo("{\"reason\":\"NaN loss at step 2\"}");
        assertThat(payload("metric-deleted").toString()).isEqualTo("{\"name\":\"intermediate_eval_loss\"}");
        assertThat(payload("metric-prefix-changed").toString()).isEqualTo("{\"prefix\":\"ema_model_\"}");
        assertThat(payload("history-reset").toString()).isEqualTo("{\"reason\":\"train() start\"}");
        JsonNode runStart = payload("run-start");
        assertThat(runStart.get("kind").asText()).isEqualTo("train");
        assertThat(runStart.get("run_config").get("train_dl_kwargs").get("shuffle").asText()).isEqualTo("true");
        assertThat(runStart.get("run_config").get("gradient_clip_value").asDouble()).isEqualTo(1.5);
        assertThat(runStart.get("hyperparameters").toString()).isEqualTo("{\"lr\":\"0.001\",\"optimizer\":\"adam\"}");
        assertThat(runStart.get("greater_is_better").asBoolean()).isFalse();
    }

    @Test
    void everyEventIsOneLineWithTheDocumentedKeysInOrder() throws Exception {
        for (EventType type : EventType.values()) {
            TrainerEvent event = SampleEvents.event(1, type, null, new Lifecycle());
            String line = EventJson.toJson(event);
            assertThat(line).doesNotContain("\n");
            List<String> keys = new ArrayList<>();
            mapper.readTree(line).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("run_id", "seq", "time", "event", "epoch", "global_step", "payload");
        }
    }

    @Test
    void writeLineEndsEachEventWithALineBreak() throws Exception {
        StringWriter out = new StringWriter();
        EventJson.writeLine(samples.get("lifecycle"), out);
        EventJson.writeLine(samples.get("metric-update"), out);

        assertThat(out.toString().split("\n", -1)).hasSize(3).endsWith("");
    }

    private JsonNode payload(String sample) throws Exception {
        return mapper.readTree(EventJson.toJson(samples.get(sample))).get("payload");
    }

    @Test
    void controlCharactersInNamesAreEscapedSoTheLinesAreSafeOnATerminalAndDecodeToTheSameText() throws Exception {
        String name = "loss\u001b]0;title\u0007\n\u009b2J\u007f\u202e";
        TrainerEvent event = SampleEvents.event(8, EventType.METRIC_UPDATE, null,
                new io.trainstream.schemas.avro.MetricUpdate(name, 0.5));

        String json = EventJson.toJson(event);

        assertThat(json).contains("loss\\u001B]0;title\\u0007\\n\\u009b2J\\u007F\\u202e");
        assertThat(json.codePoints().noneMatch(io.trainstream.schemas.text.TerminalText::needsEscape)).isTrue();
        assertThat(new ObjectMapper().readTree(json).path("payload").path("name").asText()).isEqualTo(name);
    }
}
