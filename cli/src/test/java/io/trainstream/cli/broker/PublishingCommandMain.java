package io.trainstream.cli.broker;

import io.trainstream.cli.config.CliSettings;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.trainer.kafka.KafkaEventPublisher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link LocalBrokerTest}: a train-like command on the embedded default. Connects
 * the way every command does ({@link EventLog#connect}), publishes {@code count} events of one run
 * ({@code metric_update}s, then {@code run_end}), one every {@code delayMillis}, waits for delivery,
 * prints {@code delivered <n> started-broker=<bool>} and exits 0 (1 when not everything was delivered).
 */
public final class PublishingCommandMain {

    private PublishingCommandMain() {
    }

    /** @param args TRAINSTREAM_HOME, run id, event count, delay between events in ms, broker idle seconds */
    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(args[0]);
        String runId = args[1];
        int count = Integer.parseInt(args[2]);
        long delay = Long.parseLong(args[3]);
        CliSettings settings = new CliSettings(null, CliSettings.DEFAULT_EVENTS_TOPIC, CliSettings.DEFAULT_RUNS_TOPIC,
                CliSettings.DEFAULT_EVENTS_PARTITIONS, Duration.ofSeconds(30), Map.of(), home, false,
                Duration.ofSeconds(Long.parseLong(args[4])));
        boolean delivered;
        boolean started;
        try (EventLog log = EventLog.connect(settings)) {
            started = log.describe().contains("started by this command");
            log.ensureTopics();
            try (KafkaEventPublisher publisher = KafkaEventPublisher.open(log.publisherConfig())) {
                for (int seq = 0; seq < count; seq++) {
                    boolean last = seq == count - 1;
                    EventBody body = last ? new EventBody.RunEnd(RunEndStatus.COMPLETED, null, 1, seq)
                            : new EventBody.MetricUpdate("loss", 1.0 / (seq + 1));
                    publisher.publish(new RunEvent(EventHeader.of(runId, seq, System.currentTimeMillis(), "localhost", 1,
                            seq, null), body));
                    Thread.sleep(delay);
                }
                delivered = publisher.flush(Duration.ofSeconds(60));
            }
        }
        System.out.println((delivered ? "delivered " : "undelivered ") + count + " started-broker=" + started);
        System.out.flush();
        System.exit(delivered ? 0 : 1);
    }
}
