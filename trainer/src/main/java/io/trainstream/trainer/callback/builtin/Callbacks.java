package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.callback.TrainerCallback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An immutable, ordered list of callbacks, with the reference's default set as a preset. Each call to
 * {@link #defaults()} creates fresh callback instances.
 *
 * <pre>{@code
 * Callbacks.defaults().plus(EarlyStoppingCallback.builder().patience(2).build(), new SaveBestModelCallback())
 * }</pre>
 */
public final class Callbacks implements Iterable<TrainerCallback> {

    private final List<TrainerCallback> callbacks;

    private Callbacks(List<TrainerCallback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
    }

    /**
     * @return MoveModulesToDevice, TerminateOnNaN, PrintProgress, ProgressBar, LogMetrics, in that order
     */
    public static Callbacks defaults() {
        return defaults(true);
    }

    /**
     * @param progressBar whether to include the progress bar
     * @return the default callbacks, without the progress bar when {@code progressBar} is false
     */
    public static Callbacks defaults(boolean progressBar) {
        List<TrainerCallback> list = new ArrayList<>(List.of(new MoveModulesToDeviceCallback(),
                new TerminateOnNaNCallback(), new PrintProgressCallback()));
        if (progressBar) {
            list.add(new ProgressBarCallback());
        }
        list.add(new LogMetricsCallback());
        return new Callbacks(list);
    }

    /**
     * @param callbacks the callbacks, in order
     * @return exactly these callbacks
     */
    public static Callbacks of(TrainerCallback... callbacks) {
        return new Callbacks(Arrays.asList(callbacks));
    }

    /** @return no callbacks */
    public static Callbacks none() {
        return new Callbacks(List.of());
    }

    /**
     * @param more callbacks appended after these
     * @return a new list
     */
    public Callbacks plus(TrainerCallback... more) {
        List<TrainerCallback> list = new ArrayList<>(callbacks);
        list.addAll(Arrays.asList(more));
        return new Callbacks(list);
    }

    /** @return the callbacks in order (read-only) */
    public List<TrainerCallback> toList() {
        return callbacks;
    }

    @Override
    public Iterator<TrainerCallback> iterator() {
        return callbacks.iterator();
    }
}
