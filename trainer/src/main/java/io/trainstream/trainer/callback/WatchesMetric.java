package io.trainstream.trainer.callback;

/**
 * Implemented by callbacks that decide on one metric (early stopping, best-model saving), so the run's
 * start event can say which metric the run is judged by.
 */
public interface WatchesMetric {

    /** @return the watched metric's name */
    String watchMetric();

    /** @return true when larger values are better */
    boolean greaterIsBetter();
}
