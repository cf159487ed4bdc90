package io.trainstream.trainer.schedule;

/**
 * Creates a learning-rate scheduler for one run (the reference's {@code create_scheduler_fn}). The
 * trainer calls it inside {@code train()} after the run config exists and before
 * {@code training_run_start}; placeholders are resolved then.
 */
@FunctionalInterface
public interface SchedulerFactory {

    /**
     * @param context the run being started
     * @return a new scheduler
     */
    LrScheduler create(ScheduleContext context);
}
