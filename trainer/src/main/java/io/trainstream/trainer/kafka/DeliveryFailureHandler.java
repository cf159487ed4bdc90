package io.trainstream.trainer.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Told about every event that will never reach the log, after the publisher has counted it: one that
 * could not be converted or encoded, one Kafka refuses for good (too large), or one published after
 * close. Outages are not failures: the outbox keeps those events and redelivers them. Called on the
 * training thread, the sender thread or the producer's I/O thread, so it must be quick, thread-safe
 * and must not throw.
 */
@FunctionalInterface
public interface DeliveryFailureHandler {

    /** @param failure the event that was not delivered */
    void onFailure(DeliveryFailure failure);

    /**
     * @return the default handler: logs the first {@value LoggingHandler#DETAILED} failures one by one
     *     (run id, seq, reason) and then every {@value LoggingHandler#EVERY}th; the publisher's report
     *     lists every lost seq range at flush and close
     */
    static DeliveryFailureHandler logging() {
        return new LoggingHandler();
    }

    /** The default handler; see {@link DeliveryFailureHandler#logging()}. */
    final class LoggingHandler implements DeliveryFailureHandler {
        /** Failures logged one by one. */
        public static final int DETAILED = 20;
        /** After the first ones, one line per this many failures. */
        public static final int EVERY = 1000;

        private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
        private final AtomicLong count = new AtomicLong();

        private LoggingHandler() {}

        /** {@inheritDoc} */
        @Override
        public void onFailure(DeliveryFailure failure) {
            long n = count.incrementAndGet();
            if (n <= DETAILED || n % EVERY == 0) {
                LOG.warn("{} [{} failed so far]", failure.describe(), n);
            }
        }
    }
}
