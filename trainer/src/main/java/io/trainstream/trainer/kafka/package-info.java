/**
 * The Kafka event log: {@link io.trainstream.trainer.kafka.KafkaEventPublisher} appends every event
 * of a run to the events topic as an Avro {@code TrainerEvent} (key: run id) and keeps the compacted
 * runs topic up to date; {@link io.trainstream.trainer.kafka.TopicSetup} creates both topics.
 *
 * <p>Threads: {@code publish} runs on the training thread and only converts the event and queues it;
 * a single sender thread appends each event to the durable outbox
 * ({@link io.trainstream.trainer.outbox.Outbox}) and hands it to the Kafka producer, whose I/O thread
 * runs delivery callbacks; while Kafka is away it only appends, and drains the outbox in order later. No call made by the trainer waits on the network, except {@code flush} and
 * {@code close}, which are bounded by a timeout.
 */
package io.trainstream.trainer.kafka;
