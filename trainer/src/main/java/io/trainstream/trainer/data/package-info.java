/** Data loading for the trainer: batching, seeded shuffling, collation and batch limits over DJL datasets. */
package io.trainstream.trainer.data;
