/**
 * The metrics consumer: each run's {@link io.trainstream.events.history.RunHistory} materialised from
 * its events (the one rebuild rule, {@link io.trainstream.events.history.HistoryRebuild}), a CSV
 * export per run, and a Prometheus scrape endpoint
 * ({@link io.trainstream.consumers.metrics.PrometheusEndpoint}) with each run's latest metric values,
 * epoch, global step and status.
 *
 * <p>Threads: {@link io.trainstream.consumers.metrics.MetricsConsumer} is driven by one runner thread;
 * its read methods ({@code runs()}, {@code metricHistory}, {@code exportCsv}) and the scrape endpoint's
 * HTTP threads may call in concurrently.
 */
package io.trainstream.consumers.metrics;
