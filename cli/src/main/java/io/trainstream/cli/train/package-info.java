/**
 * {@code trainstream train}: an MLP classifier on the bundled digits set or a CSV file, trained by the
 * trainstream {@code Trainer} with its default callbacks, every event published to the Kafka log.
 */
package io.trainstream.cli.train;
