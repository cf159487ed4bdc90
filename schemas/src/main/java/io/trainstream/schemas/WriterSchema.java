package io.trainstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;

/**
 * A writer schema a codec can read, with the reader that resolves it to the generated class.
 *
 * @param label how messages name it, e.g. {@code v1}
 * @param schema the writer schema
 * @param fingerprint its single-object fingerprint
 * @param reader a thread-safe reader from this writer schema to the generated class's schema
 * @param <T> the generated class
 */
record WriterSchema<T>(String label, Schema schema, long fingerprint, DatumReader<T> reader) {

    @SuppressWarnings("unchecked")
    static <T> WriterSchema<T> of(String label, Schema writer, Schema readerSchema, SpecificData model) {
        DatumReader<T> reader = (DatumReader<T>) model.createDatumReader(writer, readerSchema);
        return new WriterSchema<>(label, writer, SchemaNormalization.parsingFingerprint64(writer), reader);
    }
}
