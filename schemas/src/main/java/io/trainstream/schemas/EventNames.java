package io.trainstream.schemas;

import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.TrainerEvent;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps event types to the public event names used in JSON lines and by custom-event handlers.
 *
 * <p>A built-in event's name is its {@link EventType} symbol in lower case ({@code TRAIN_STEP_END}
 * is {@code train_step_end}); a custom event's name is the one it was raised with. Every name that
 * is not built in belongs to a custom event.
 */
public final class EventNames {

    private static final Map<String, EventType> BUILT_IN = new HashMap<>();

    static {
        for (EventType type : EnumSet.complementOf(EnumSet.of(EventType.CUSTOM, EventType.UNKNOWN))) {
            BUILT_IN.put(nameOf(type), type);
        }
    }

    private EventNames() {
    }

    /**
     * Returns the name of an event type.
     *
     * @param type any type
     * @return its symbol in lower case, e.g. {@code metric_update}; {@code custom} for CUSTOM
     */
    public static String nameOf(EventType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the name of an event: its custom name for a custom event, else its type's name.
     *
     * @param event any event
     * @return the event's public name
     */
    public static String nameOf(TrainerEvent event) {
        if (event.getType() == EventType.CUSTOM && event.getPayload() instanceof CustomEvent custom) {
            return custom.getName();
        }
        return nameOf(event.getType());
    }

    /**
     * Returns the type of the events that carry a name.
     *
     * @param name an event name
     * @return the built-in type with that name, or CUSTOM for any other name
     */
    public static EventType typeOf(String name) {
        return BUILT_IN.getOrDefault(name, EventType.CUSTOM);
    }

    /**
     * Tells whether a name is taken by a built-in event, so a custom event may not use it.
     *
     * @param name an event name
     * @return true for the names of all types but CUSTOM and UNKNOWN
     */
    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }
}
