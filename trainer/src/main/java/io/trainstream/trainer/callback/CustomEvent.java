package io.trainstream.trainer.callback;

import io.trainstream.events.EventKind;

import java.util.Map;
import java.util.Objects;

/**
 * A user-defined event raised with {@link CallbackHandler#callEvent(String, io.trainstream.trainer.Trainer, Map)},
 * as its handlers receive it: the live arguments (NDArrays and all). The log records it as an
 * {@code EventBody.Custom} (events module), its arguments in the types the log carries.
 *
 * @param name the event name
 * @param args the arguments the caller passed, by name (values may be NDArrays or anything else)
 */
public record CustomEvent(String name, Map<String, Object> args) {

    /** Checks the name (not a built-in event's) and copies the arguments. */
    public CustomEvent {
        Objects.requireNonNull(name, "name");
        if (EventKind.isBuiltInName(name)) {
            throw new IllegalArgumentException("custom event name '" + name + "' is a built-in event's name; pick"
                    + " another (built-in events are raised by the trainer)");
        }
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /**
     * @param key argument name
     * @param <T> expected type
     * @return the argument
     * @throws IllegalArgumentException when the argument is missing
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        Object value = args.get(key);
        if (value == null && !args.containsKey(key)) {
            throw new IllegalArgumentException("custom event '" + name + "' has no argument '" + key
                    + "'; it has " + args.keySet());
        }
        return (T) value;
    }
}
