package io.trainstream.trainer.kafka;

import io.trainstream.trainer.outbox.Outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers what dead publishers left for a log, from any command: when a slot no live process holds
 * still has events or open runs, a publisher is opened on it, drains it in order and marks the runs
 * without an end CRASHED. Commands that only read (runs, events, replay) call this first, so the next
 * command after a crash, whatever address it uses for the cluster, completes the log.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /**
     * @param config the cluster, topics and outbox
     * @param timeout how long to wait for the leftovers to be acknowledged
     * @return the delivery report when there was something to deliver, else empty
     */
    public static Optional<DeliveryReport> deliver(KafkaPublisherConfig config, Duration timeout) {
        LogIdentity identity = LogIdentity.resolve(config, LogIdentity.DEFAULT_TIMEOUT);
        List<String> keys = new ArrayList<>();
        keys.add(identity.key());
        keys.addAll(identity.aliases());
        if (!Outbox.hasLeftovers(config.outbox().dir(), keys)) {
            return Optional.empty();
        }
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config, DeliveryFailureHandler.logging(), identity)) {
            publisher.flush(timeout);
            return Optional.of(publisher.deliveryReport());
        }
    }
}
