package io.trainstream.trainer.callback;

import java.util.Map;
import java.util.Objects;

/**
 * A user-defined event raised with {@link CallbackHandler#callEvent(String, io.trainstream.trainer.Trainer, Map)}.
 *
 * @param name the event name
 * @param args the arguments the caller passed, by name (values may be NDArrays or anything else)
 */
public record CustomEvent(String name, Map<String, Object> args) {

    /** Checks the name and copies the arguments. */
    public CustomEvent {
        Objects.requireNonNull(name, "name");
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
