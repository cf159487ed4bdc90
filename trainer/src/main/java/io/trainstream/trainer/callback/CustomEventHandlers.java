package io.trainstream.trainer.callback;

import io.trainstream.trainer.Trainer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and invokes the {@link OnEvent} methods of callback classes. Lookups are cached per class, so
 * raising a custom event costs a map lookup per callback after the first time.
 */
final class CustomEventHandlers {

    private static final Map<Class<?>, Map<String, List<Method>>> CACHE = new ConcurrentHashMap<>();

    private CustomEventHandlers() {}

    static List<Method> handlersOf(Class<?> type, String eventName) {
        return CACHE.computeIfAbsent(type, CustomEventHandlers::scan).getOrDefault(eventName, List.of());
    }

    static void invoke(Method method, Object callback, Trainer trainer, CustomEvent event) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = Trainer.class.isAssignableFrom(types[i]) ? trainer : event;
        }
        try {
            method.invoke(callback, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("custom event handler " + method + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call custom event handler " + method, e);
        }
    }

    private static Map<String, List<Method>> scan(Class<?> type) {
        Map<String, List<Method>> found = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                OnEvent annotation = method.getAnnotation(OnEvent.class);
                if (annotation == null) {
                    continue;
                }
                checkSignature(method);
                method.setAccessible(true);
                found.computeIfAbsent(annotation.value(), k -> new ArrayList<>()).add(method);
            }
        }
        return found;
    }

    private static void checkSignature(Method method) {
        for (Class<?> parameter : method.getParameterTypes()) {
            if (!Trainer.class.isAssignableFrom(parameter) && parameter != CustomEvent.class) {
                throw new IllegalArgumentException("@OnEvent method " + method
                        + " may only take Trainer and CustomEvent parameters");
            }
        }
    }
}
