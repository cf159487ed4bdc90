package io.trainstream.consumers.replay;

import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.event.EventType;
import io.trainstream.trainer.event.TrainingEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns logged Avro events back into the trainer's {@link TrainingEvent}s, so the trainer's own replay
 * tools (history rebuild, what-if callbacks) run on a recorded run. Payload fields keep their
 * snake_case names; ints become longs, arrays of doubles become {@code double[]}, enums their names,
 * nested records maps — the same shapes the trainer published.
 */
public final class LoggedEvents {

    private LoggedEvents() {}

    /**
     * @param events logged events, in seq order
     * @return the trainer-side events; events of a type this version does not know are left out
     */
    public static List<TrainingEvent> toTrainingEvents(List<TrainerEvent> events) {
        List<TrainingEvent> converted = new ArrayList<>(events.size());
        for (TrainerEvent event : events) {
            toTrainingEvent(event).ifPresent(converted::add);
        }
        return converted;
    }

    /**
     * @param event one logged event
     * @return the trainer-side event, or empty for a type this version does not know
     */
    public static Optional<TrainingEvent> toTrainingEvent(TrainerEvent event) {
        EventType type;
        try {
            type = EventType.valueOf(event.getType().name());
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        Map<String, Object> payload = payload(event.getPayload());
        if (type == EventType.CUSTOM && payload.get("fields") instanceof Map<?, ?> custom) {
            payload = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : custom.entrySet()) {
                payload.put(String.valueOf(entry.getKey()), value(entry.getValue()));
            }
        }
        String name = type == EventType.CUSTOM ? EventNames.nameOf(event) : type.eventName();
        return Optional.of(new TrainingEvent(event.getRunId(), event.getSeq(), event.getTime().toEpochMilli(), type,
                name, event.getEpoch(), event.getGlobalStep(), event.getStep(), payload));
    }

    /** The common payloads directly (a replay converts millions of them); the rest field by field. */
    private static Map<String, Object> payload(Object payload) {
        if (payload instanceof Lifecycle || payload == null) {
            return Map.of();
        }
        if (payload instanceof StepEnd step && step.getPredictions() == null && step.getTargets() == null
                && step.getSampleIds() == null) {
            return step.getCallbackLoss() == null
                    ? Map.of("loss", step.getLoss(), "batch_size", (long) step.getBatchSize())
                    : Map.of("loss", step.getLoss(), "callback_loss", step.getCallbackLoss(),
                            "batch_size", (long) step.getBatchSize());
        }
        if (payload instanceof MetricUpdate update) {
            return Map.of("name", update.getName(), "value", update.getValue());
        }
        return payload instanceof IndexedRecord record ? fields(record) : Map.of();
    }

    private static Map<String, Object> fields(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), value(record.get(field.pos())));
        }
        return map;
    }

    private static Object value(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof IndexedRecord nested) {
            return fields(nested);
        }
        if (value instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(Double.class::isInstance)) {
                return list.stream().mapToDouble(Double.class::cast).toArray();
            }
            return list.stream().map(LoggedEvents::value).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), value(v)));
            return converted;
        }
        return value;
    }
}
