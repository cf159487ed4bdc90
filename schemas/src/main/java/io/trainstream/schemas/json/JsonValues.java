package io.trainstream.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** Writes the values found in decoded Avro records as JSON, the way {@link EventJson} documents. */
final class JsonValues {

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private JsonValues() {
    }

    static String formatTime(Instant time) {
        return TIME.format(time);
    }

    static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(json, ((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof CharSequence text) {
            json.writeString(text.toString());
        } else if (value instanceof GenericEnumSymbol<?> symbol) {
            json.writeString(symbol.toString().toLowerCase(Locale.ROOT));
        } else if (value instanceof Instant time) {
            json.writeString(formatTime(time));
        } else if (value instanceof IndexedRecord record) {
            writeRecord(json, record);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(json, map);
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    private static void writeDouble(JsonGenerator json, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            json.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else {
            json.writeNumber(value);
        }
    }

    private static void writeRecord(JsonGenerator json, IndexedRecord record) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                json.writeFieldName(field.name());
                write(json, value);
            }
        }
        json.writeEndObject();
    }

    private static void writeMap(JsonGenerator json, Map<?, ?> map) throws IOException {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
        json.writeStartObject();
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            json.writeFieldName(entry.getKey());
            write(json, entry.getValue());
        }
        json.writeEndObject();
    }
}
