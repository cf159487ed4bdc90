/**
 * The trainstream wire format: how a {@link io.trainstream.schemas.avro.TrainerEvent} and a
 * {@link io.trainstream.schemas.avro.RunSummary} become bytes and back.
 *
 * <p>{@link io.trainstream.schemas.EventCodec} and {@link io.trainstream.schemas.RunSummaryCodec}
 * write Avro single-object encoding ({@code C3 01}, the writer schema's 8-byte fingerprint, the
 * body) and read every released schema version, so producers and consumers of different versions
 * interoperate without a schema registry. {@link io.trainstream.schemas.EventNames} and
 * {@link io.trainstream.schemas.EventPayloads} say how event types are named and which payload
 * each one carries. This package knows nothing of the trainer or the consumers.
 */
package io.trainstream.schemas;
