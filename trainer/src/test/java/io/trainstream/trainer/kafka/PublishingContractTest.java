package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What publishing must guarantee, on whichever Kafka a subclass provides: a real training run's events
 * read back from the topic equal, one by one, what the trainer published in process, and the runs
 * index says where they lie.
 */
abstract class PublishingContractTest {

    /** @return the bootstrap servers of the Kafka under test */
    abstract String bootstrapServers();

    private KafkaPublisherConfig freshTopics() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        return KafkaPublisherConfig.builder(bootstrapServers()).optEventsTopic(prefix + ".events")
                .optRunsTopic(prefix + ".runs").optEventsPartitions(3).build();
    }

    @Test
    void topicsAreCreatedWithExplicitSettingsAndLeftAloneWhenTheyExist() throws Exception {
        KafkaPublisherConfig config = freshTopics();

        TopicSetup.Result first = TopicSetup.ensureTopics(config, Duration.ofSeconds(20));
        TopicSetup.Result second = TopicSetup.ensureTopics(config, Duration.ofSeconds(20));

        assertThat(first.created()).containsExactly(config.eventsTopic(), config.runsTopic());
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsExactlyInAnyOrder(config.eventsTopic(), config.runsTopic());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(config.eventsTopic())).allTopicNames().get()
                    .get(config.eventsTopic()).partitions()).hasSize(3);
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, config.eventsTopic());
            ConfigResource runs = new ConfigResource(ConfigResource.Type.TOPIC, config.runsTopic());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(events, runs)).all().get();
            assertThat(configs.get(events).get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get(events).get("retention.bytes").value()).isEqualTo("-1");
            assertThat(configs.get(runs).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void aTrainingRunsEventsReadBackEqualWhatTheTrainerPublished() {
        KafkaPublisherConfig config = freshTopics();
        TrainingScenario.Outcome outcome;
        TeeEventPublisher tee;
        DeliveryReport report;
        try (KafkaEventPublisher publisher = KafkaEventPublisher.open(config)) {
            tee = new TeeEventPublisher(publisher);
            outcome = TrainingScenario.run(tee, 5, 3, 192);
            assertThat(publisher.flush(Duration.ofSeconds(20))).as(publisher.deliveryReport().message()).isTrue();
            report = publisher.deliveryReport();
        }
        List<RunEvent> published = tee.events();
        assertThat(report.published()).isEqualTo(published.size());
        assertThat(report.delivered()).isEqualTo(published.size());
        // RUNNING (at the start's ack) and the final summary; RUNNING is skipped when the sender has already
        // seen the run's end by the time the start is acknowledged (a short run on a loaded machine)
        assertThat(report.summariesWritten()).isBetween(1L, 2L);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrapServers(), config.eventsTopic())
                .stream().filter(r -> r.key().equals(outcome.runId())).toList();
        List<TrainerEvent> read = records.stream().map(r -> EventCodec.decode(r.value())).toList();

        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(read).extracting(TrainerEvent::getSeq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, published.size()).boxed().toList());
        for (int i = 0; i < published.size(); i++) {
            assertSameEvent(read.get(i), published.get(i));
        }
        assertThat(read).extracting(EventNames::nameOf).filteredOn(name -> isCallbackOrCustom(name))
                .containsExactlyElementsOf(outcome.callbackEvents());
        assertThat(read).extracting(TrainerEvent::getType).contains(EventType.RUN_START, EventType.RUN_END,
                EventType.CUSTOM, EventType.STOP_TRAINING_ERROR, EventType.METRIC_UPDATE, EventType.EPOCH_CHANGE);
        // Double.equals: exact bits, NaN equals NaN
        assertThat(metricValues(read)).isEqualTo(outcome.history());

        assertRunsIndex(config, outcome, records, read);
    }

    private void assertRunsIndex(KafkaPublisherConfig config, TrainingScenario.Outcome outcome,
            List<ConsumerRecord<String, byte[]>> records, List<TrainerEvent> read) {
        List<RunSummary> summaries = TopicReader.readAll(bootstrapServers(), config.runsTopic()).stream()
                .filter(r -> r.key().equals(outcome.runId())).map(r -> RunSummaryCodec.decode(r.value())).toList();
        // RUNNING first unless the run's end was already seen when its start was acknowledged (see above)
        assertThat(summaries).extracting(RunSummary::getStatus).isIn(List.of(RunStatus.RUNNING, RunStatus.STOPPED),
                List.of(RunStatus.STOPPED));
        RunSummary running = summaries.get(0);
        RunSummary last = summaries.get(summaries.size() - 1);
        ConsumerRecord<String, byte[]> first = records.get(0);
        ConsumerRecord<String, byte[]> end = records.get(records.size() - 1);
        assertThat(running.getFirstOffset()).isEqualTo(first.offset());
        assertThat(last.getEventsTopic()).isEqualTo(config.eventsTopic());
        assertThat(last.getPartition()).isEqualTo(first.partition());
        assertThat(last.getFirstOffset()).isEqualTo(first.offset());
        assertThat(last.getLastOffset()).isEqualTo(end.offset());
        assertThat(last.getLastSeq()).isEqualTo(read.size() - 1L);
        assertThat(last.getKind()).isEqualTo(RunKind.TRAIN);
        assertThat(last.getRunName()).isEqualTo("publishing-test");
        assertThat(last.getEndTime()).isNotNull();
        // the stop is raised at the end of epoch 3, after its training and evaluation: 3 epochs were trained
        assertThat(last.getEpochsCompleted()).isEqualTo(3);
        assertThat(last.getConfig()).containsEntry("num_epochs", "5").containsEntry("hp.lr", "0.01")
                .containsEntry("seed", "11");
        List<Double> watched = outcome.history().get("eval_loss_epoch");
        assertThat(last.getWatchMetric()).isEqualTo("eval_loss_epoch");
        assertThat(last.getWatchMetricLast()).isEqualTo(watched.get(watched.size() - 1));
        assertThat(last.getWatchMetricBest()).isEqualTo(watched.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    private static void assertSameEvent(TrainerEvent wire, RunEvent memory) {
        // typed equality: doubles by exact value (NaN equals NaN), every header and body field
        assertThat(AvroEvents.fromAvro(wire)).as("seq " + memory.seq() + " (" + memory.name() + ")").contains(memory);
    }

    private static boolean isCallbackOrCustom(String name) {
        EventType type = EventNames.typeOf(name);
        return type == EventType.CUSTOM || EventKind.valueOf(type.name()).isCallbackEvent();
    }

    private static Map<String, List<Double>> metricValues(List<TrainerEvent> events) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (TrainerEvent event : events) {
            if (event.getType() == EventType.HISTORY_RESET) {
                values.clear();
            } else if (event.getPayload() instanceof MetricUpdate update) {
                values.computeIfAbsent(update.getName(), n -> new ArrayList<>()).add(update.getValue());
            }
        }
        return values;
    }
}
