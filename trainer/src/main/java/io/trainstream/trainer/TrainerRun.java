package io.trainstream.trainer;

import ai.djl.training.dataset.RandomAccessDataset;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.trainer.schedule.LrScheduler;
import io.trainstream.trainer.schedule.SchedulerFactory;

import java.util.Objects;

/**
 * The state of one {@code train()} or {@code evaluate()} call (reference §1.1 and §2): its datasets and
 * collate, its loaders, run config and scheduler, the position of its loop (batch index, updates, last
 * losses, in its {@link TrainingLoop}), where it resumed from and whether a callback asked to terminate
 * it. Each call builds a new one, so nothing of one run reaches the next; between runs the trainer keeps
 * the last one, so its accessors still describe the run that just ended.
 *
 * <p>What outlives runs stays on the trainer: the model, optimizer, DJL session, run history (and its
 * epoch), callbacks and event-log settings.
 */
final class TrainerRun {

    private final RandomAccessDataset trainDataset;
    private final RandomAccessDataset evalDataset;
    private final Collate collate;
    private final SchedulerFactory schedulerFactory;
    private final TrainingLoop loop;
    private DataLoader trainDataloader;
    private DataLoader evalDataloader;
    private RunConfig config;
    private LrScheduler scheduler;
    private ResumableCallback.ResumePoint resumePoint;
    private String terminationReason;

    private TrainerRun(Trainer trainer, RandomAccessDataset trainDataset, RandomAccessDataset evalDataset,
            Collate collate, SchedulerFactory schedulerFactory) {
        this.trainDataset = trainDataset;
        this.evalDataset = evalDataset;
        this.collate = collate;
        this.schedulerFactory = schedulerFactory;
        this.loop = new TrainingLoop(trainer);
    }

    /** @return the state before a trainer's first run: no datasets, loaders, config or scheduler */
    static TrainerRun beforeFirstRun(Trainer trainer) {
        return new TrainerRun(trainer, null, null, null, null);
    }

    /** @return the state of a {@code train()} call, before its loaders and config are built */
    static TrainerRun training(Trainer trainer, RandomAccessDataset trainDataset, TrainConfig config) {
        return new TrainerRun(trainer, trainDataset, config.evalDataset(), config.collate(), config.schedulerFactory());
    }

    /** @return the state of an {@code evaluate()} call: no train dataset, no scheduler */
    static TrainerRun evaluation(Trainer trainer, RandomAccessDataset dataset, EvalConfig config) {
        return new TrainerRun(trainer, null, dataset, config.collate(), null);
    }

    /** @return the loops of this run, which also keep its position */
    TrainingLoop loop() {
        return loop;
    }

    RandomAccessDataset trainDataset() {
        return trainDataset;
    }

    RandomAccessDataset evalDataset() {
        return evalDataset;
    }

    /** @return how both loaders batch samples, or null for DJL's default */
    Collate collate() {
        return collate;
    }

    /** @return the scheduler factory of a {@code train()} call, or null */
    SchedulerFactory schedulerFactory() {
        return schedulerFactory;
    }

    DataLoader trainDataloader() {
        return trainDataloader;
    }

    void setTrainDataloader(DataLoader loader) {
        trainDataloader = loader;
    }

    DataLoader evalDataloader() {
        return evalDataloader;
    }

    void setEvalDataloader(DataLoader loader) {
        evalDataloader = loader;
    }

    /** @return the run config, or null until the loaders exist */
    RunConfig config() {
        return config;
    }

    void setConfig(RunConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    LrScheduler scheduler() {
        return scheduler;
    }

    void setScheduler(LrScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** @return where a resumed run continues (handed to resumable callbacks), or null */
    ResumableCallback.ResumePoint resumePoint() {
        return resumePoint;
    }

    void setResumePoint(ResumableCallback.ResumePoint resumePoint) {
        this.resumePoint = resumePoint;
    }

    /** Asks this run's {@code train()} to throw {@link TrainingTerminatedException} once the run has ended. */
    void requestTermination(String reason) {
        terminationReason = reason;
    }

    /** @return why a callback asked to terminate this run, or null */
    String terminationReason() {
        return terminationReason;
    }
}
