package io.trainstream.trainer.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a callback method as the handler of a custom event, e.g. {@code @OnEvent("verify_train_batch")}.
 * The method may take {@code (Trainer, CustomEvent)}, {@code (Trainer)}, {@code (CustomEvent)} or no
 * parameters, and may have any visibility. Callbacks without a handler for an event name are skipped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /** @return the custom event name this method handles */
    String value();
}
