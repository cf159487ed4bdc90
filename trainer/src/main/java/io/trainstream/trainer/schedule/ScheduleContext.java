package io.trainstream.trainer.schedule;

import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.RunConfig;

/**
 * What a {@link SchedulerFactory} can see when the trainer creates the scheduler: the run config, the
 * loader lengths and the optimizer.
 *
 * @param runConfig the run's config
 * @param trainDataloaderLength batches per epoch of the train loader
 * @param evalDataloaderLength batches of the eval loader, 0 without one
 * @param optimizer the trainer's optimizer
 */
public record ScheduleContext(RunConfig runConfig, int trainDataloaderLength, int evalDataloaderLength,
        Optimizer optimizer) {

    /**
     * @param value a constant or placeholder expression
     * @return its value for this run
     */
    public int resolve(IntValue value) {
        return value.resolve(this);
    }
}
