/**
 * Learning-rate schedulers stepped once per optimizer update, created per run by a {@link
 * io.trainstream.trainer.schedule.SchedulerFactory} whose arguments may be {@link
 * io.trainstream.trainer.schedule.Placeholder}s resolved when the run starts.
 */
package io.trainstream.trainer.schedule;
