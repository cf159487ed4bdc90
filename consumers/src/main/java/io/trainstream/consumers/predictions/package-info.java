/**
 * The predictions consumer: the seed's {@code SavePredictionsCallback} on the event stream. From the
 * eval step events of runs that publish eval outputs it writes one CSV per run and evaluation,
 * finished atomically at the evaluation's end.
 *
 * <p>Threads: a consumer is driven by one runner thread.
 */
package io.trainstream.consumers.predictions;
