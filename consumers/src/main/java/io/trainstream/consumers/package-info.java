/**
 * Consumers of the trainstream event log: code that reads runs back from Kafka, in other processes
 * than the trainer, and never changes what a run computes.
 *
 * <p>{@link io.trainstream.consumers.runlog} reads the runs index and one run's events.
 */
package io.trainstream.consumers;
