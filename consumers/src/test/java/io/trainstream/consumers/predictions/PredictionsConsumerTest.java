package io.trainstream.consumers.predictions;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.KafkaTestSupport;
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
class PredictionsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aConsumerKilledMidEvaluationAndRestartedWritesIdenticalFiles(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("predictions-kill", 1);
        List<TrainerEvent> events = SyntheticRun.events("run-p", 3, 5);
        KafkaTestSupport.produce(topic, events);
        long killAt = firstEvalStepSeq(events, 2) + 3;

        Path reference = dir.resolve("reference");
        try (PredictionsConsumer direct = new PredictionsConsumer(reference)) {
            KafkaTestSupport.driveDirectly(direct, events);
        }

        Path out = dir.resolve("killed");
        ConsumerRunner[] holder = new ConsumerRunner[1];
        PredictionsConsumer crashing = new PredictionsConsumer(out);
        io.trainstream.consumers.runtime.EventSink killer = new io.trainstream.consumers.runtime.EventSink() {
            @Override public String name() { return crashing.name(); }
            @Override public boolean supportsReplay() { return true; }
            @Override public long lastDurableSeq(String runId) { return crashing.lastDurableSeq(runId); }
            @Override public void flush() { crashing.flush(); }
            @Override public void handle(ConsumedEvent event) {
                crashing.handle(event);
                if (event.seq() == killAt) {
                    new Thread(holder[0]::abort).start();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        holder[0] = new ConsumerRunner(killer, KafkaTestSupport.config(topic)
                .addClientOverride("max.poll.records", "4").optCommitEveryRecords(4).build());
        holder[0].start();
        assertThat(holder[0].awaitTermination(WAIT)).isTrue();
        crashing.close();
        assertThat(holder[0].stats().processed()).isLessThan(events.size());

        try (PredictionsConsumer restarted = new PredictionsConsumer(out);
             ConsumerRunner runner = new ConsumerRunner(restarted, KafkaTestSupport.config(topic).build()).start()) {
            await("caught up", () -> runner.stats().lag() == 0 && runner.stats().processed() > 0, WAIT);
            runner.close();
        }
        Map<String, String> expected = csvFiles(reference);
        assertThat(expected).containsKeys("run-p/epoch-1.csv", "run-p/epoch-1-intermediate-1.csv", "run-p/epoch-3.csv");
        assertThat(csvFiles(out)).isEqualTo(expected);
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
