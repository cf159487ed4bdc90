package io.trainstream.trainer.callback;

import io.trainstream.trainer.Trainer;
import io.trainstream.events.EventKind;
import io.trainstream.trainer.event.EventRecorder;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calls a list of callbacks, in the order given. Every event is first appended to the trainer's event
 * log (when one is attached), then dispatched to each callback synchronously; an exception from a
 * callback (including {@code StopTrainingException}) stops the dispatch of that event, but the event
 * is already in the log.
 *
 * <p>Two callbacks of exactly the same class are rejected; subclasses of one another may coexist.
 */
public class CallbackHandler {

    private final List<TrainerCallback> callbacks = new ArrayList<>();
    private EventRecorder recorder;

    /** @param callbacks the callbacks, in the order they run */
    public CallbackHandler(Collection<? extends TrainerCallback> callbacks) {
        addCallbacks(callbacks);
    }

    /**
     * @param callback appended to the end of the list
     * @throws IllegalArgumentException when a callback of exactly the same class is already present
     */
    public void addCallback(TrainerCallback callback) {
        Objects.requireNonNull(callback, "callback");
        for (TrainerCallback existing : callbacks) {
            if (existing.getClass() == callback.getClass()) {
                throw new IllegalArgumentException("You attempted to add multiple callbacks of the same type "
                        + callback.getClass().getSimpleName() + "; existing callbacks: " + callbackNames());
            }
        }
        callbacks.add(callback);
    }

    /** @param toAdd each is appended with {@link #addCallback} */
    public void addCallbacks(Collection<? extends TrainerCallback> toAdd) {
        toAdd.forEach(this::addCallback);
    }

    /** Removes every callback. */
    public void clearCallbacks() {
        callbacks.clear();
    }

    /** @return the callbacks in call order (read-only) */
    public List<TrainerCallback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    /** @return the simple class names of the callbacks, in call order */
    public List<String> callbackNames() {
        return callbacks.stream().map(c -> c.getClass().getSimpleName()).toList();
    }

    /**
     * Connects the handler to a trainer's event log; done by the trainer.
     *
     * @param eventRecorder where events are appended before dispatch, or null for none
     */
    public void attachRecorder(EventRecorder eventRecorder) {
        this.recorder = eventRecorder;
    }

    /**
     * Raises a standard event: appends it to the log, then calls the matching method of every callback
     * in order.
     *
     * @param kind a callback event kind ({@link EventKind#isCallbackEvent()})
     * @param trainer the trainer passed to callbacks
     * @param args the event's arguments
     */
    public void callEvent(EventKind kind, Trainer trainer, EventArgs args) {
        if (!kind.isCallbackEvent()) {
            throw new IllegalArgumentException(kind + " is not a callback event");
        }
        if (recorder != null && recorder.isActive()) {
            recorder.record(StandardEventBodies.of(kind, args, recorder.publishesEvalOutputs()), args.step());
        }
        for (int i = 0; i < callbacks.size(); i++) {
            StandardDispatch.dispatch(kind, callbacks.get(i), trainer, args);
        }
    }

    /**
     * Raises a custom event: appends it to the log with its arguments, then calls every callback method
     * annotated {@code @OnEvent(name)}; callbacks without one are skipped.
     *
     * @param name the custom event name
     * @param trainer the trainer passed to handlers
     * @param args the event's arguments, by name
     */
    public void callEvent(String name, Trainer trainer, Map<String, Object> args) {
        CustomEvent event = new CustomEvent(name, args);
        if (recorder != null && recorder.isActive()) {
            recorder.record(LoggedCustomEvents.of(event), null);
        }
        for (TrainerCallback callback : List.copyOf(callbacks)) {
            for (Method method : CustomEventHandlers.handlersOf(callback.getClass(), name)) {
                CustomEventHandlers.invoke(method, callback, trainer, event);
            }
        }
    }
}
