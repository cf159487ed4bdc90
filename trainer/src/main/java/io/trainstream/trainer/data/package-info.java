/**
 * Data loading for the trainer: CSV datasets read with Jackson's CSV parser and streamed into packed
 * floats ({@code CsvDataset}, {@code FeatureTable}), classification or regression labels, feature scaling
 * fitted on the training rows, and batching, seeded shuffling, collation and batch limits over DJL datasets.
 */
package io.trainstream.trainer.data;
