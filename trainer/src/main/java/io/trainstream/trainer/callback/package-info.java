/**
 * The callback system: {@link io.trainstream.trainer.callback.TrainerCallback} with one method per
 * event, {@link io.trainstream.trainer.callback.CallbackHandler} that logs then dispatches each event
 * in list order, and custom events handled by {@link io.trainstream.trainer.callback.OnEvent} methods.
 */
package io.trainstream.trainer.callback;
