/**
 * {@code trainstream predict}: loads a model saved by {@code train --save-model} and writes predictions
 * for the rows of a CSV file.
 */
package io.trainstream.cli.predict;
