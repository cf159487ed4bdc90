/**
 * The trainer: {@link io.trainstream.trainer.Trainer} runs the pytorch-accelerated training loop on
 * DJL, with overridable hooks, callbacks, a run history and an event log.
 */
package io.trainstream.trainer;
