package io.trainstream.trainer.kafka;

/**
 * How the topics {@link TopicSetup} creates are replicated: the replication factor and the topic's
 * {@code min.insync.replicas}. With {@code acks=all} (the publisher's setting) a write is acknowledged
 * once {@code minInsyncReplicas} replicas have it, and refused (retried by the producer) while fewer are
 * in sync: factor 3 with min ISR 2 survives one broker down without losing an acknowledged event.
 *
 * @param factor            replicas per partition, at least 1
 * @param minInsyncReplicas replicas that must have a write before it is acknowledged, 1..factor
 */
public record TopicReplication(short factor, int minInsyncReplicas) {

    /**
     * Checks the values.
     *
     * @param factor            replicas per partition
     * @param minInsyncReplicas min ISR
     * @throws IllegalArgumentException if {@code factor < 1} or the min ISR is outside 1..factor
     */
    public TopicReplication {
        if (factor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + factor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > factor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                    + factor + ", was " + minInsyncReplicas);
        }
    }

    /**
     * The replication that fits a cluster: factor {@code min(3, brokers)}, min ISR 2 where the factor is
     * 3 (one broker may fail and writes go on), else 1.
     *
     * @param brokers live brokers in the cluster, at least 1
     * @return the fitting replication
     */
    public static TopicReplication fitting(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, was " + brokers);
        }
        return withFactor((short) Math.min(3, brokers));
    }

    /**
     * A given factor with the min ISR that goes with it: 2 from factor 3 up, else 1 (factor 2 with min
     * ISR 2 would stop every write while one replica is away).
     *
     * @param factor replicas per partition
     * @return the replication
     */
    public static TopicReplication withFactor(short factor) {
        return new TopicReplication(factor, factor >= 3 ? 2 : 1);
    }

    /**
     * What the config asks for on a cluster of {@code brokers}: its replication factor if it sets one,
     * else {@link #fitting(int)}.
     *
     * @param config  the publisher config ({@code replicationFactor} 0 means "fit the cluster")
     * @param brokers live brokers
     * @return the replication
     */
    public static TopicReplication of(KafkaPublisherConfig config, int brokers) {
        return config.replicationFactor() > 0 ? withFactor(config.replicationFactor()) : fitting(brokers);
    }
}
