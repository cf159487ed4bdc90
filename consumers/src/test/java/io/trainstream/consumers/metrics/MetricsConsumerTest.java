package io.trainstream.consumers.metrics;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.ReplayStatus;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class MetricsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRestartedConsumerRebuildsTheSameHistoryFromTheStartAsReplay(@TempDir Path dir) {
        String topic = KafkaTestSupport.newTopic("metrics-restart", 1);
        List<TrainerEvent> events = SyntheticRun.events("run-m", 3, 4);
        KafkaTestSupport.produce(topic, events.subList(0, 60));
        MetricsConsumer first = new MetricsConsumer(dir);
        try (ConsumerRunner runner = new ConsumerRunner(first, KafkaTestSupport.config(topic).build()).start()) {
            await("first part", () -> runner.stats().processed() == 60, WAIT);
        }
        KafkaTestSupport.produce(topic, events.subList(60, events.size()));
        AtomicLong replayed = new AtomicLong();
        AtomicLong liveCount = new AtomicLong();
        MetricsConsumer testSubject = new MetricsConsumer(dir);
        CountingSink counting = new CountingSink(testSubject, replayed, liveCount);
        try (ConsumerRunner runner = new ConsumerRunner(counting, KafkaTestSupport.config(topic).build()).start()) {
            await("everything", () -> testSubject.run("run-m").map(v -> v.status() == RunStatus.COMPLETED).orElse(false), WAIT);
        }
        assertThat(replayed.get()).isEqualTo(60);
        assertThat(liveCount.get()).isEqualTo(events.size() - 60);
        RunHistory expected = HistoryRebuild.rebuild(AvroEvents.fromAvro(events));
        Map<String, List<Double>> actual = testSubject.metricHistory("run-m").orElseThrow();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.metricNames());
        expected.metricNames().forEach(n -> assertThat(actual.get(n)).containsExactlyElementsOf(expected.metricValues(n)));
        assertThat(testSubject.run("run-m").orElseThrow().epoch()).as("epochs completed, from run_end").isEqualTo(3);
    }

    @Test
    void historyRebuilderAppliesUpdatesDeletesResetsAndEpochChanges() {
        RunHistory testSubject = HistoryRebuild.rebuild(AvroEvents.fromAvro(SyntheticRun.events("run-h", 3, 2)));
        // the reset before epoch 2 wiped epoch 1; "temp" was deleted at the end
        assertThat(testSubject.metricNames()).containsExactlyInAnyOrder("train_loss_step", "train_loss_epoch",
                "eval_loss_epoch", "odd");
        assertThat(testSubject.metricValues("train_loss_epoch")).containsExactly(0.25, 0.5 / 3);
        assertThat(testSubject.metricValues("odd")).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
        assertThat(testSubject.metricValues("train_loss_step")).hasSize(4);
        assertThat(testSubject.currentEpoch()).isEqualTo(4);
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    /** Counts REPLAY and LIVE events on their way to a metrics consumer. */
    private record CountingSink(MetricsConsumer delegate, AtomicLong replayed, AtomicLong live)
            implements io.trainstream.consumers.runtime.EventSink {
        @Override public String name() { return delegate.name(); }
        @Override public boolean supportsReplay() { return true; }
        @Override public boolean rebuildsFromStart() { return true; }
        @Override public void flush() { delegate.flush(); }
        @Override public void handle(ConsumedEvent event) {
            (event.status() == ReplayStatus.REPLAY ? replayed : live).incrementAndGet();
            delegate.handle(event);
        }
    }
}
