/**
 * {@code trainstream train}: an MLP classifier or regressor on a bundled dataset (digits, iris) or a CSV
 * file, trained by the trainstream {@code Trainer} with its default callbacks, every event published to the
 * Kafka log; its settings as run_start hyperparameters and as a training config file.
 */
package io.trainstream.cli.train;
