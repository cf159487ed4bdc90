/**
 * The typed event model: {@link io.trainstream.events.RunEvent} (a header and one
 * {@link io.trainstream.events.EventBody} record per {@link io.trainstream.events.EventKind}) and its one
 * mapping to and from the Avro wire records, {@link io.trainstream.events.AvroEvents}. No DJL: consumers,
 * replay and the dashboard read events without the trainer.
 */
package io.trainstream.events;
