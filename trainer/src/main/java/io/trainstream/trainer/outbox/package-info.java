/**
 * The durable outbox: a local, append-only, write-ahead log of encoded events that the Kafka publisher
 * writes before it hands an event to the producer, so that a broker outage, a slow broker or a killed
 * process loses nothing. {@link io.trainstream.trainer.outbox.Outbox} is the log; entries are removed
 * (whole segments at a time) once Kafka has acknowledged them.
 *
 * <p>Threads: appends, syncs and reads run on the publisher's sender thread; {@code acked} is called
 * from the producer's I/O thread and is thread-safe.
 */
package io.trainstream.trainer.outbox;
