/**
 * Reading runs back from the log: {@link io.trainstream.consumers.runlog.RunsIndex} loads the
 * compacted runs topic (run id to latest {@code RunSummary}); {@link io.trainstream.consumers.runlog.RunLogReader}
 * reads one run's events by seeking to where the index says they lie, never scanning the whole topic.
 *
 * <p>Both read with {@code assign()} and no consumer group, so they commit nothing and leave no trace
 * on the broker. Failures are unchecked {@link io.trainstream.consumers.runlog.RunLogException}s.
 */
package io.trainstream.consumers.runlog;
