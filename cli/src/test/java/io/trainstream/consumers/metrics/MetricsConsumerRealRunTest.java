package io.trainstream.consumers.metrics;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.RealRun;
import io.trainstream.consumers.runtime.ReplayStatus;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.TrainerEvent;
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
class MetricsConsumerRealRunTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void materialisesTheTrainersRunHistoryValueByValueAndServesItToPrometheus(@TempDir Path dir) throws Exception {
        String topic = KafkaTestSupport.newTopic("metrics-real", 2);
        RealRun.Outcome live = RealRun.train(topic, 3, false);
        MetricsConsumer testSubject = new MetricsConsumer(dir);
        try (ConsumerRunner runner = new ConsumerRunner(testSubject, KafkaTestSupport.config(topic).build()).start();
             PrometheusEndpoint endpoint = PrometheusEndpoint.start(testSubject, 0, runner::stats)) {
            await("run ended and exported", () -> Files.exists(dir.resolve(live.runId() + ".csv")), WAIT);

            Map<String, List<Double>> rebuilt = testSubject.metricHistory(live.runId()).orElseThrow();
            assertThat(rebuilt.keySet()).containsExactlyElementsOf(live.history().keySet());
            live.history().forEach((name, values) -> assertThat(rebuilt.get(name)).as(name).containsExactlyElementsOf(values));
            RunView view = testSubject.run(live.runId()).orElseThrow();
            // the live history sits one past its last epoch once the run is over; an ended run shows its epochs
            assertThat(view.epoch()).isEqualTo(3).isEqualTo(live.epoch() - 1);
            assertThat(view.globalStep()).isEqualTo(live.globalStep());
            assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(view.runName()).isEqualTo(live.runName());

            List<String> csv = Files.readAllLines(dir.resolve(live.runId() + ".csv"));
            assertThat(csv.get(0)).isEqualTo("metric,index,value");
            List<String> expectedRows = new ArrayList<>();
            live.history().forEach((name, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    expectedRows.add(name + "," + i + "," + values.get(i));
                }
            });
            assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expectedRows);

            assertThat(endpoint.url()).startsWith("http://127.0.0.1:");
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String labels = "run_id=\"" + live.runId() + "\",run_name=\"consumer \\\"test\\\" <run>\"";
            assertThat(scrape).contains("trainstream_run_status{" + labels + ",status=\"completed\"} 1.0");
            assertThat(scrape).contains("trainstream_run_status{" + labels + ",status=\"running\"} 0.0");
            assertThat(scrape).contains("trainstream_run_epoch{" + labels + "} 3.0");
            assertThat(scrape).contains("trainstream_run_global_step{" + labels + "} " + (double) live.globalStep());
            assertThat(scrape).contains("trainstream_run_metric{metric=\"accuracy\"," + labels + "} "
                    + last(live.history().get("accuracy")));
            assertThat(scrape).contains("trainstream_run_metric{metric=\"odd_nan\"," + labels + "} NaN");
            // deleted at epoch 2, recorded again at epoch 3: only the new value shows
            assertThat(scrape).contains("trainstream_run_metric{metric=\"train_scratch\"," + labels + "} 3.0");
            assertThat(scrape).contains("trainstream_consumer_events{consumer=\"metrics\",outcome=\"processed\"}");
        }
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
