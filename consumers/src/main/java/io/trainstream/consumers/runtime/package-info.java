/**
 * The consumer runtime: runs one {@link io.trainstream.consumers.runtime.EventSink} as its own Kafka
 * consumer group over the events topic.
 *
 * <p>{@link io.trainstream.consumers.runtime.ConsumerRunner} polls, decodes each record itself (a
 * record that does not decode goes to the dead-letter topic), drops duplicates and reports gaps on
 * (run id, seq) through {@link io.trainstream.consumers.runtime.EventDispatcher}, hands each new event
 * to the sink in partition order, and commits offsets only after {@link
 * io.trainstream.consumers.runtime.EventSink#flush()} returned. At-least-once delivery plus a sink that
 * reports what it already holds ({@link io.trainstream.consumers.runtime.EventSink#lastDurableSeq})
 * gives each output exactly once. Around each rebalance a sink is {@linkplain
 * io.trainstream.consumers.runtime.EventSink#onReset reset} (state of partitions that left, or are
 * about to be re-read, is dropped) and told when a re-read has {@linkplain
 * io.trainstream.consumers.runtime.EventSink#onCaughtUp caught up}.
 *
 * <p>Threads: a runner's poll loop and every sink call run on one thread (the runner's); {@code
 * stats()}, {@code close()} and {@code abort()} may be called from any thread.
 */
package io.trainstream.consumers.runtime;
