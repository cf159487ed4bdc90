package io.trainstream.consumers.predictions;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class PredictionsConsumerRealRunTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void writesOneCsvPerEvaluationMatchingTheTrainersOutputs(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("predictions-real", 2);
        RealRun.Outcome live = RealRun.train(topic, 2, true);
        try (PredictionsConsumer testSubject = new PredictionsConsumer(dir);
             ConsumerRunner runner = new ConsumerRunner(testSubject, KafkaTestSupport.config(topic).build()).start()) {
            Path runDir = testSubject.runDirectory(live.runId());
            await("every evaluation file", () -> Files.exists(runDir.resolve("epoch-" + live.evaluations().size() + ".csv"))
                    && runner.stats().lag() == 0, WAIT);
            runner.close();
            for (RealRun.Evaluation eval : live.evaluations()) {
                List<String> lines = Files.readAllLines(runDir.resolve("epoch-" + eval.epoch() + ".csv"));
                assertThat(lines.get(0)).isEqualTo("sample_id,prediction,target");
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < eval.predictions().size(); i++) {
                    expected.add(eval.predictions().get(i).longValue() + "," + eval.targets().get(i).longValue());
                }
                List<String> actual = lines.subList(1, lines.size()).stream()
                        .map(l -> l.substring(l.indexOf(',') + 1)).toList();
                assertThat(actual).containsExactlyElementsOf(expected);
                assertThat(lines.subList(1, lines.size())).allMatch(l -> !l.startsWith(","), "sample ids present");
            }
            try (var files = Files.list(runDir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))).isEmpty();
            }
        }
    }

    private static Map<String, String> csvFiles(Path dir) throws Exception {
        Map<String, String> files = KafkaTestSupport.tree(dir);
        files.keySet().removeIf(name -> !name.endsWith(".csv"));
        return files;
    }

    private static long firstEvalStepSeq(List<TrainerEvent> events, int epoch) {
        return events.stream().filter(e -> e.getEpoch() == epoch
                && e.getType() == io.trainstream.schemas.avro.EventType.EVAL_STEP_END).findFirst().orElseThrow().getSeq();
    }
}
