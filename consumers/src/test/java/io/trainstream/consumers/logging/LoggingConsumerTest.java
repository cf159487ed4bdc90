package io.trainstream.consumers.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.KafkaTestSupport;
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
import java.util.List;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class LoggingConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void controlCharactersInARunsNameAreEscapedOnTheConsole(@TempDir Path dir) {
        String hostile = "run\u001b]0;pwned\u0007\n[other] epoch 9 accuracy: 1.0";
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LoggingConsumer testSubject = new LoggingConsumer(dir, "logging", new PrintStream(console, true, StandardCharsets.UTF_8))) {
            KafkaTestSupport.driveDirectly(testSubject, SyntheticRun.events(hostile, 1, 2));
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("[run\\e]0;pwned\\u0007\\n[other] epoch 9 accuracy: 1.0] epoch 1 train_loss_epoch: ");
        assertThat(printed.lines()).allMatch(line -> line.startsWith("[run\\e]0;pwned"));
        assertThat(printed).doesNotContain("\u001b", "\u0007");
    }

    @Test
    void aConsumerKilledMidStreamAndRestartedWritesEveryLineExactlyOnce(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("logging-kill", 1);
        List<TrainerEvent> events = new ArrayList<>(SyntheticRun.events("run-k1", 4, 6));
        events.addAll(SyntheticRun.events("run-k2", 3, 5));
        KafkaTestSupport.produce(topic, events);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        Path reference = dir.resolve("reference");
        try (LoggingConsumer direct = new LoggingConsumer(reference, "logging", quiet)) {
            KafkaTestSupport.driveDirectly(direct, events);
        }

        Path out = dir.resolve("killed");
        ConsumerRunner[] holder = new ConsumerRunner[1];
        LoggingConsumer crashing = new LoggingConsumer(out, "logging", quiet) {
            private long flushedLength;
            private boolean killed;

            @Override
            public void flush() {
                super.flush();
                flushedLength = size(outputFile());
            }

            @Override
            public void handle(ConsumedEvent event) {
                super.handle(event);
                if (!killed && event.seq() >= 60 && size(outputFile()) > flushedLength) {
                    // kill -9 right after lines were written and before the next flush: no flush, no commit
                    killed = true;
                    new Thread(holder[0]::abort).start();
                    sleep(300);
                }
            }
        };
        holder[0] = new ConsumerRunner(crashing, KafkaTestSupport.config(topic)
                .addClientOverride("max.poll.records", "7").optCommitEveryRecords(7).build());
        holder[0].start();
        assertThat(holder[0].awaitTermination(WAIT)).isTrue();
        crashing.close();
        assertThat(holder[0].stats().processed()).isLessThan(events.size());
        long checkpointed = JSON.readTree(out.resolve("logging.state.json").toFile()).get("output_length").asLong();
        assertThat(Files.size(out.resolve("logging.jsonl")))
                .as("the crash left lines past the last checkpoint").isGreaterThan(checkpointed);

        try (LoggingConsumer restarted = new LoggingConsumer(out, "logging", quiet);
             ConsumerRunner runner = new ConsumerRunner(restarted, KafkaTestSupport.config(topic).build()).start()) {
            long total = Files.readAllLines(reference.resolve("logging.jsonl")).size();
            await("caught up", () -> runner.stats().lag() == 0 && runner.stats().processed() > 0, WAIT);
            runner.close();
            assertThat(Files.readAllLines(out.resolve("logging.jsonl"))).hasSize((int) total)
                    .containsExactlyElementsOf(Files.readAllLines(reference.resolve("logging.jsonl")));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
