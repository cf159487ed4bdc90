package io.trainstream.trainer.schedule;

import java.util.Map;

/**
 * Changes the learning rate as training progresses. The trainer calls {@link #step()} once after each
 * optimizer update, never per epoch. The scheduler writes its value into a {@link LearningRate} that
 * the optimizer reads.
 */
public interface LrScheduler {

    /** Advances by one optimizer update and applies the new learning rate. */
    void step();

    /** @return the learning rate now applied */
    float currentValue();

    /**
     * @return how many times {@link #step()} has been called since creation (or since the state it was
     *     loaded from); 0 before the first optimizer update
     */
    long stepsTaken();

    /** @return a read-only snapshot of the scheduler's state, enough to continue after {@link #loadState} */
    Map<String, Double> state();

    /** @param state a state from {@link #state()} */
    void loadState(Map<String, Double> state);
}
