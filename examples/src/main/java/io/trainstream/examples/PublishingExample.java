package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.schemas.kafka.TrainerEventDeserializer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A training run that publishes every event to Kafka, and a consumer that reads the run back from the
 * log: the events in order, and the metric values the run recorded.
 */
public final class PublishingExample {

    private PublishingExample() {}

    /**
     * What the consumer read.
     *
     * @param runId the run's id
     * @param seqs the events' sequence numbers, in log order
     * @param lastType the type of the last event read
     * @param evalLosses {@code eval_loss_epoch} values read from the log
     * @param liveEvalLosses the same metric in the trainer's own history
     */
    public record Result(String runId, List<Long> seqs, EventType lastType, List<Double> evalLosses,
            List<Double> liveEvalLosses) {}

    /**
     * @param args the bootstrap servers (default: {@code TRAINSTREAM_BOOTSTRAP_SERVERS}), then a working
     *     directory for the publisher's outbox (default the current one)
     */
    public static void main(String[] args) {
        String servers = args.length > 0 ? args[0] : System.getenv(KafkaPublisherConfig.BOOTSTRAP_SERVERS_ENV);
        if (servers == null) {
            System.err.println("usage: PublishingExample <bootstrap servers> [work dir]");
            System.exit(2);
        }
        Result result = runExample(servers, Path.of(args.length > 1 ? args[1] : "."), 3);
        System.out.println("run " + result.runId() + ": read " + result.seqs().size() + " events, eval losses "
                + result.evalLosses());
    }

    /**
     * @param bootstrapServers a Kafka cluster
     * @param workDir where the publisher keeps its outbox
     * @param epochs epochs to train
     * @return what the consumer read and what the trainer recorded
     */
    public static Result runExample(String bootstrapServers, Path workDir, int epochs) {
        String runId;
        List<Double> live;
        try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("published", 16, 3)) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            // readme:start publishing
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(bootstrapServers)
                    .optOutboxDir(workDir.resolve("outbox")).build();
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(config);
                 Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                         Callbacks.defaults(false))) {
                trainer.publishTo(publisher);     // each event goes to the log before any callback sees it
                trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).evalDataset(data.eval())
                        .perDeviceBatchSize(16).build());
                runId = trainer.lastRunId();
                live = List.copyOf(trainer.runHistory().metricValues("eval_loss_epoch"));
            }
            // readme:end
        }
        return read(bootstrapServers, runId, live);
    }

    private static Result read(String bootstrapServers, String runId, List<Double> live) {
        List<Long> seqs = new ArrayList<>();
        List<Double> evalLosses = new ArrayList<>();
        EventType last = null;
        // readme:start consumer
        Properties settings = new Properties();
        settings.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "example-reader-" + runId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        try (KafkaConsumer<String, TrainerEvent> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new TrainerEventDeserializer())) {
            consumer.subscribe(List.of(KafkaPublisherConfig.DEFAULT_EVENTS_TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (last != EventType.RUN_END && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, TrainerEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    TrainerEvent event = record.value();
                    if (!event.getRunId().equals(runId)) {
                        continue;                 // the key is the run id: a run's events keep their order
                    }
                    seqs.add(event.getSeq());
                    last = event.getType();
                    if (event.getPayload() instanceof MetricUpdate metric && metric.getName().equals("eval_loss_epoch")) {
                        evalLosses.add(metric.getValue());
                    }
                }
            }
        }
        // readme:end
        return new Result(runId, seqs, last, evalLosses, live);
    }
}
