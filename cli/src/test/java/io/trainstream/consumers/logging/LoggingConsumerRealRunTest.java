package io.trainstream.consumers.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.RealRun;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class LoggingConsumerRealRunTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The seed's AzureML/MLflow example: a subclass that logs elsewhere. */
    static final class RecordingLogger extends LoggingConsumer {
        final List<LogTrigger> triggers = new CopyOnWriteArrayList<>();
        final List<Map<String, Double>> sets = new CopyOnWriteArrayList<>();

        RecordingLogger(Path dir, PrintStream console) {
            super(dir, "mlflow", console);
        }

        @Override
        protected void logMetrics(LogTrigger trigger, Map<String, Double> metrics) {
            triggers.add(trigger);
            sets.add(new LinkedHashMap<>(metrics));
        }
    }

    @Test
    void logsWhatTheInProcessLogMetricsCallbackLogsForARealRun(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("logging-real", 2);
        RealRun.Outcome live = RealRun.train(topic, 3, false);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (LoggingConsumer plain = new LoggingConsumer(dir, "logging", out);
             RecordingLogger subclass = new RecordingLogger(dir, out);
             ConsumerRunner a = new ConsumerRunner(plain, KafkaTestSupport.config(topic).build()).start();
             ConsumerRunner b = new ConsumerRunner(subclass, KafkaTestSupport.config(topic).build()).start()) {
            await("every logged set", () -> subclass.sets.size() == live.logged().size()
                    && a.stats().lag() == 0 && a.stats().processed() > 0, WAIT);
            a.close();
            b.close();

            // the subclass saw exactly what the in-process callback logged, in order
            for (int i = 0; i < live.logged().size(); i++) {
                RealRun.Logged expected = live.logged().get(i);
                assertThat(subclass.triggers.get(i).event()).isEqualTo(expected.event());
                assertThat(subclass.triggers.get(i).epoch()).isEqualTo(expected.epoch());
                assertThat(subclass.triggers.get(i).runId()).isEqualTo(live.runId());
                assertThat(subclass.triggers.get(i).runName()).isEqualTo(live.runName());
                assertSameValues(subclass.sets.get(i), expected.metrics());
            }
            // the JSON-lines file holds one line per logged metric, value for value
            List<JsonNode> lines = readLines(plain.outputFile());
            List<String> expectedKeys = new ArrayList<>();
            for (RealRun.Logged logged : live.logged()) {
                logged.metrics().forEach((name, value) -> expectedKeys.add(logged.event() + "/" + logged.epoch() + "/" + name
                        + "=" + value));
            }
            List<String> actualKeys = lines.stream().map(l -> l.get("event").asText() + "/" + l.get("epoch").asInt() + "/"
                    + l.get("name").asText() + "=" + Double.parseDouble(l.get("value").asText())).toList();
            assertThat(actualKeys).containsExactlyElementsOf(expectedKeys);
            assertThat(lines).allMatch(l -> l.get("run_id").asText().equals(live.runId()) && l.get("seq").asLong() > 0);
            assertThat(lines).anyMatch(l -> l.get("value").isTextual() && l.get("value").asText().equals("NaN"));
            String printed = console.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("[" + live.runName() + "] epoch 1 train_loss_epoch: ");
            assertThat(printed).contains("[" + live.runName() + "] epoch 3 eval_loss_epoch: ");
            assertThat(printed).doesNotContain("train_scratch: 2.0");
        }
    }

    private static void assertSameValues(Map<String, Double> actual, Map<String, Double> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        // Double.equals treats NaN as equal to NaN, unlike ==
        expected.forEach((name, value) -> assertThat(actual.get(name)).as(name).isEqualTo(value));
    }

    private static List<JsonNode> readLines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
