/** Checkpoint files and resumable training-state directories for the trainer's model, optimizer and scheduler. */
package io.trainstream.trainer.checkpoint;
