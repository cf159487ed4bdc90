package io.trainstream.consumers.kinds;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered kind runs both ways from the one registry, against the embedded broker: live on a
 * topic holding one run, and re-driven from that run as read back from the topic; the files a kind
 * writes are the same both ways.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumerKindTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);

    @Test
    void everyKindRunsLiveAndReDrivenAndWritesTheSameFilesBothWays(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("kinds", 1);
        String runId = "run-kinds";
        List<TrainerEvent> events = SyntheticRun.events(runId, 2, 3);
        KafkaTestSupport.produce(topic, events);

        LiveSetup setup = new LiveSetup(KafkaTestSupport.bootstrap(), topic, Map.of(), topic + ".", dir, "127.0.0.1", 0, DISCARD);
        Map<ConsumerKind, LiveConsumer> live = new EnumMap<>(ConsumerKind.class);
        try {
            for (ConsumerKind kind : ConsumerKind.values()) {
                live.put(kind, kind.startLive(setup.with(dir.resolve("live-" + kind.id()), 0)));
            }
            for (LiveConsumer consumer : live.values()) {
                await(consumer.kind() + " handling the run", () -> consumer.hasSeenEnd(runId) && consumer.caughtUp()
                        && consumer.stats().processed() == events.size(), WAIT);
                assertThat(consumer.outputs()).as(consumer.kind().id()).isNotEmpty();
            }
            assertThat(live.get(ConsumerKind.METRICS).outputs()).anyMatch(line -> line.startsWith("prometheus: http://127.0.0.1:"));
            assertThat(live.get(ConsumerKind.DASHBOARD).outputs()).anyMatch(line -> line.startsWith("dashboard: http://127.0.0.1:"));
            assertThat(live.get(ConsumerKind.LOGGING).groupId()).isEqualTo(topic + ".logging");
            // every dashboard reads every partition: a group of its own
            assertThat(live.get(ConsumerKind.DASHBOARD).groupId()).startsWith("trainstream.dashboard-").endsWith(".dashboard");
        } finally {
            live.values().forEach(LiveConsumer::close);
        }

        RunLog recorded = RecordedRuns.readOrScan(KafkaReadSettings.of(KafkaTestSupport.bootstrap()), "no-index-" + UUID.randomUUID(),
                topic, runId, notice -> { });
        for (ConsumerKind kind : ConsumerKind.values()) {
            Path replayDir = dir.resolve("redriven-" + kind.id());
            Redriven redriven = kind.redrive(recorded, replayDir);

            assertThat(redriven.stats().processed()).as(kind.id()).isEqualTo(events.size());
            assertThat(redriven.output()).as(kind.id()).get().satisfies(output -> assertThat(output).exists());
            if (kind != ConsumerKind.DASHBOARD) {
                assertThat(files(replayDir)).as(kind.id() + ": re-driven files equal live ones")
                        .isEqualTo(files(dir.resolve("live-" + kind.id()))).isNotEmpty();
            }
        }
        assertThat(Files.readString(dir.resolve("redriven-dashboard").resolve(runId + ".json"))).contains("\"id\" : \"" + runId + "\"");
    }

    @Test
    void theLiveWrapperPassesOnEveryCallOfTheSinkContractTheResetHookAndCaughtUpSignalIncluded() throws Exception {
        List<String> notOverridden = new ArrayList<>();
        for (Method method : EventSink.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method own = TrackingSink.class.getMethod(method.getName(), method.getParameterTypes());
            if (own.getDeclaringClass() != TrackingSink.class) {
                notOverridden.add(method.getName());
            }
        }
        assertThat(notOverridden).isEmpty();
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> files = KafkaTestSupport.tree(dir);
        // the marker says whose directory it is: live or replay
        files.keySet().removeIf(name -> name.startsWith(".trainstream-"));
        return files;
    }
}
