package io.trainstream.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer process needs neither DJL nor libtorch: this module's whole classpath (tests included) has
 * none, and the consumers, the dashboard model and replay still do their work on a run's events.
 */
class ConsumerProcessWithoutDjlTest {

    @Test
    void neitherDjlNorLibtorchIsOnTheConsumersClasspath() {
        assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.trainstream.trainer.Trainer"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("ai/djl")).isNull();
        assertThat(System.getProperty("java.class.path")).doesNotContain("pytorch").doesNotContain("/ai/djl/");
    }

    @Test
    void consumersDashboardAndReplayRunOnTypedEventsWithoutTheTrainer(@TempDir Path dir) {
        List<TrainerEvent> wire = SyntheticRun.events("run-nodjl", 3, 4);
        List<RunEvent> events = AvroEvents.fromAvro(wire);

        MetricsConsumer metrics = new MetricsConsumer(dir);
        KafkaTestSupport.driveDirectly(metrics, wire);
        DashboardState dashboard = new DashboardState();
        events.forEach(dashboard::accept);
        RunReplay replay = RunReplay.of(events);

        assertThat(replay.history().metricNames()).isNotEmpty();
        assertThat(metrics.metricHistory("run-nodjl").orElseThrow().keySet())
                .containsExactlyInAnyOrderElementsOf(replay.history().metricNames());
        replay.history().metricNames().forEach(name -> assertThat(metrics.metricHistory("run-nodjl").orElseThrow()
                .get(name)).as(name).containsExactlyElementsOf(replay.history().metricValues(name)));
        assertThat(dashboard.run("run-nodjl")).isPresent();
        assertThat(replay.status()).isEqualTo("COMPLETED");
    }
}
