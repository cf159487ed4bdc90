package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Compares a decoded record with the record that was written, field by field, looking only at the
 * fields the writer schema had: fields added by later versions hold their defaults instead.
 *
 * <p>Also the way to compare records at all: the equals() that Avro 1.12.2 generates compares
 * primitive doubles with {@code !=}, so a record holding NaN is not equal even to its own copy.
 */
public final class WriterFields {

    private final Map<String, Schema> writerRecords = new HashMap<>();

    WriterFields(Schema writer) {
        collect(writer);
    }

    /** Asserts two records of the same schema hold equal values, NaN equal to NaN. */
    public static void assertSameRecord(IndexedRecord expected, IndexedRecord actual) {
        new WriterFields(expected.getSchema()).assertSame(expected.getSchema().getName(), expected, actual);
    }

    void assertSame(String path, Object expected, Object actual) {
        if (expected instanceof IndexedRecord written && actual instanceof IndexedRecord read) {
            Schema writerRecord = writerRecords.get(read.getSchema().getFullName());
            assertThat(writerRecord).as(path + " has a record type the writer knew").isNotNull();
            for (Schema.Field field : writerRecord.getFields()) {
                assertSame(path + "." + field.name(), written.get(written.getSchema().getField(field.name()).pos()),
                        read.get(read.getSchema().getField(field.name()).pos()));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private void collect(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                if (writerRecords.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema()));
                }
            }
            case UNION -> schema.getTypes().forEach(this::collect);
            case ARRAY -> collect(schema.getElementType());
            case MAP -> collect(schema.getValueType());
            default -> { }
        }
    }
}
