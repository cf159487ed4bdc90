package io.trainstream.consumers.runtime;

/** Header names the runner adds to each dead-lettered record (values are UTF-8 strings). */
public final class DeadLetterHeaders {

    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "trainstream.dlq.source.topic";
    /** Its partition, in decimal. */
    public static final String SOURCE_PARTITION = "trainstream.dlq.source.partition";
    /** Its offset, in decimal. */
    public static final String SOURCE_OFFSET = "trainstream.dlq.source.offset";
    /** The consumer group that gave up on it. */
    public static final String CONSUMER_GROUP = "trainstream.dlq.consumer.group";
    /** A short reason: {@code NOT_SINGLE_OBJECT}, {@code UNKNOWN_SCHEMA}, {@code CORRUPT_BODY}, {@code NULL_VALUE}, ... */
    public static final String REASON = "trainstream.dlq.reason";
    /** The error message. */
    public static final String ERROR = "trainstream.dlq.error";

    private DeadLetterHeaders() {
    }
}
