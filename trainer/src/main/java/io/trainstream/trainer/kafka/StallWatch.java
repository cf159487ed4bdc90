package io.trainstream.trainer.kafka;

import io.trainstream.trainer.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka answers every send within {@code delivery.timeout.ms}. If, while the producer is in use,
 * entries are outstanding (the watermark is below the outbox's tail) and the watermark has not moved
 * for longer than that (plus {@code max.block.ms} and a margin), some entry got no answer or was never
 * handed over: the watch breaks the generation, so the outbox is resent from the watermark. Without
 * this, such an entry stays unacknowledged for good while events keep flowing live. Used by the sender
 * thread only.
 */
final class StallWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);
    /** Added to delivery.timeout.ms + max.block.ms before a watermark that does not move counts as stalled. */
    private static final long STALL_MARGIN_MS = 2_000;

    private final KafkaPublisherConfig config;
    private final Outbox outbox;
    private final Delivery delivery;
    private final long stallMillis;
    private long watchedWatermark = -1;
    private long watermarkSince;

    StallWatch(KafkaPublisherConfig config, Outbox outbox, Delivery delivery) {
        this.config = config;
        this.outbox = outbox;
        this.delivery = delivery;
        this.stallMillis = ProducerSettings.deliveryTimeoutMillis(config) + ProducerSettings.MAX_BLOCK_MS + STALL_MARGIN_MS;
    }

    /** A new producer starts: its entries get the whole timeout from now. */
    void restart(long now) {
        watermarkSince = now;
    }

    /**
     * @param now the loop's clock
     * @param spilling true while no producer is in use (nothing can stall)
     */
    void check(long now, boolean spilling) {
        long watermark = outbox.ackedUpTo();
        if (spilling || watermark != watchedWatermark || watermark >= outbox.tail()) {
            watchedWatermark = watermark;
            watermarkSince = now;
            return;
        }
        if (now - watermarkSince > stallMillis && !delivery.broken()) {
            String why = "outbox position " + watermark + " not acknowledged within " + stallMillis
                    + " ms (tail " + outbox.tail() + ", handed to this producer up to " + delivery.sentUpTo() + ")";
            LOG.warn("Kafka at {}: {}; resending the outbox from there with a new producer", config.bootstrapServers(), why);
            delivery.stall(why);
            watermarkSince = now;
        }
    }
}
