/**
 * {@code trainstream consume}: one live consumer (logging, metrics with its Prometheus endpoint,
 * predictions, or the dashboard) until Ctrl-C, with its counters every 10 seconds;
 * the kinds themselves are {@link io.trainstream.consumers.kinds.ConsumerKind}'s.
 */
package io.trainstream.cli.consume;
