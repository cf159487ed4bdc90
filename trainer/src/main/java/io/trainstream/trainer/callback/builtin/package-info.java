/**
 * The built-in callbacks of pytorch-accelerated on DJL: NaN stop, early stopping, best-model and
 * training-state saving, EMA, progress output, metric logging, batch limits and step-based evaluation,
 * plus {@link io.trainstream.trainer.callback.builtin.Callbacks#defaults()}.
 */
package io.trainstream.trainer.callback.builtin;
