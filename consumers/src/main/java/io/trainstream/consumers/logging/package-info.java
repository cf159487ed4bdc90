/**
 * The logging consumer: the seed's {@code LogMetricsCallback} on the event stream. At each train epoch
 * end it logs the latest value of every metric whose name contains {@code "train"}, after each
 * evaluation every other metric; to the console and to a JSON-lines file, each line exactly once.
 * Subclass {@link io.trainstream.consumers.logging.LoggingConsumer} and override {@code logMetrics} to
 * log elsewhere (e.g. MLflow's REST API).
 *
 * <p>Threads: a consumer is driven by one runner thread.
 */
package io.trainstream.consumers.logging;
