/**
 * Kafka serializers and deserializers for the events topic ({@link io.trainstream.schemas.avro.TrainerEvent}
 * values) and the compacted runs topic ({@link io.trainstream.schemas.avro.RunSummary} values).
 * They delegate to {@link io.trainstream.schemas.EventCodec} and
 * {@link io.trainstream.schemas.RunSummaryCodec}, map null to null (tombstones) both ways, and are
 * stateless and thread-safe. A value that cannot be decoded raises
 * {@link io.trainstream.schemas.EventDecodingException}, which the consumer reports wrapped in a
 * {@code RecordDeserializationException} carrying the partition and offset.
 */
package io.trainstream.schemas.kafka;
