package io.trainstream.trainer.kafka;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a decoded Avro value with the in-memory value the trainer published: numbers by exact
 * double value (NaN equals NaN), strings and booleans by equality, enums by symbol, arrays element by
 * element, maps and records key by key over every key the trainer set.
 */
final class PayloadAssert {

    private PayloadAssert() {}

    static void assertMatches(String path, Object wire, Object memory) {
        if (memory == null) {
            assertThat(wire == null || (wire instanceof Map<?, ?> m && m.isEmpty())).as(path + " is null").isTrue();
        } else if (memory instanceof Number number) {
            assertThat(wire).as(path).isInstanceOf(Number.class);
            assertThat(Double.compare(((Number) wire).doubleValue(), number.doubleValue())).as(path + ": " + wire
                    + " vs " + memory).isZero();
        } else if (memory instanceof String || memory instanceof Boolean) {
            assertThat(wire == null ? null : wire instanceof Enum<?> e ? e.name() : wire).as(path).isEqualTo(memory);
        } else if (memory instanceof double[] doubles) {
            List<?> list = (List<?>) wire;
            assertThat(list).as(path).hasSize(doubles.length);
            for (int i = 0; i < doubles.length; i++) {
                assertMatches(path + "[" + i + "]", list.get(i), doubles[i]);
            }
        } else if (memory instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertMatches(path + "." + key, field(wire, String.valueOf(key)), value));
        } else {
            assertThat(String.valueOf(wire)).as(path).isEqualTo(String.valueOf(memory));
        }
    }

    private static Object field(Object wire, String key) {
        if (wire instanceof SpecificRecord record) {
            Schema.Field field = record.getSchema().getField(key);
            assertThat(field).as("wire record " + record.getSchema().getName() + " has field " + key).isNotNull();
            return record.get(field.pos());
        }
        assertThat(wire).as("map holding " + key).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) wire;
        return map.get(key);
    }
}
