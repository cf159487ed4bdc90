/**
 * The event path: every callback event and history change of a run becomes a typed {@link
 * io.trainstream.events.RunEvent} appended to an {@link io.trainstream.trainer.event.EventPublisher}
 * before in-process callbacks run.
 */
package io.trainstream.trainer.event;
