package io.trainstream.trainer;

import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.events.EventKind;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.events.history.RunHistory;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out one {@code train()} or {@code evaluate()} call on its {@link TrainerRun} (reference §2.1
 * and §2.2): opens the run in the event log, builds its loaders, config and scheduler through the
 * trainer's hooks, runs the loop, and closes the run with its outcome, whatever happened.
 */
final class RunDriver {

    private final Trainer trainer;
    private final TrainerEventLog log;
    private final DjlSession session;

    RunDriver(Trainer trainer) {
        this.trainer = trainer;
        this.log = trainer.eventLog();
        this.session = trainer.djlSession();
    }

    /** The body of {@link Trainer#train}: {@code run} is already the trainer's current run. */
    void train(TrainerRun run, TrainConfig config) {
        inLoggedRun(outcome -> {
            if (config.resetRunHistory()) {
                trainer.runHistory().reset();
            }
            run.setTrainDataloader(trainer.createTrainDataloader(run.trainDataset(), config.perDeviceBatchSize(),
                    config.trainLoaderOptions()));
            if (run.evalDataset() != null) {
                run.setEvalDataloader(trainer.createEvalDataloader(run.evalDataset(), config.perDeviceBatchSize(),
                        config.evalLoaderOptions()));
            }
            session.ensure(run.trainDataset());
            run.setConfig(RunConfig.forTraining(config.numEpochs(), config.maxNumTrainSteps(),
                    run.trainDataloader().size(), run.trainDataloader().options(),
                    run.evalDataset() == null ? null : run.evalDataloader().options(),
                    config.gradientAccumulationSteps(), config.gradientClipValue()));
            // a scheduler never outlives the train() call that created it (reference bug §6.8 fixed)
            run.setScheduler(run.schedulerFactory() == null ? null : trainer.createScheduler());
            int firstEpoch = 1;
            if (config.resumeFrom() != null) {
                firstEpoch = resume(run, config.resumeFrom());
            }
            log.recordStart(RunProvenance.runStart(RunKind.TRAIN, trainer));
            GradientClipping.zero(trainer.model().getBlock());
            run.loop().runEpochs(config, firstEpoch, run.resumePoint(), outcome);
        });
    }

    /**
     * The body of {@link Trainer#evaluate}: {@code run} is already the trainer's current run.
     *
     * @param previousTrainOptions the previous run's train loader options, kept in the run config as the
     *     reference's stale value, or null
     */
    void evaluate(TrainerRun run, EvalConfig config, Map<String, String> previousTrainOptions) {
        inLoggedRun(outcome -> {
            trainer.runHistory().reset();
            run.setEvalDataloader(trainer.createEvalDataloader(run.evalDataset(), config.perDeviceBatchSize(),
                    config.loaderOptions()));
            session.ensure(run.evalDataset());
            run.setConfig(RunConfig.forEvaluation(previousTrainOptions, run.evalDataloader().options()));
            log.recordStart(RunProvenance.runStart(RunKind.EVALUATE, trainer));
            trainer.evaluationRunStart();
            trainer.callbackHandler().callEvent(EventKind.EVALUATION_RUN_START, trainer, EventArgs.none());
            try {
                run.loop().runEvalEpoch(false, false);
            } catch (StopTrainingException e) {
                run.loop().handleStop(e, outcome);
            }
            trainer.evaluationRunEnd();
            trainer.callbackHandler().callEvent(EventKind.EVALUATION_RUN_END, trainer, EventArgs.none());
        });
    }

    /**
     * Opens a run in the event log, runs {@code body} and closes the run with its outcome, whatever
     * happened: completed, stopped, interrupted or failed (the failure is rethrown).
     */
    private void inLoggedRun(Consumer<RunOutcome> body) {
        log.beginRun();
        RunOutcome outcome = new RunOutcome();
        try {
            body.accept(outcome);
        } catch (TrainingInterruptedException e) {
            outcome.interrupt(e);
            throw e;
        } catch (RuntimeException | Error e) {
            outcome.fail(e);
            throw e;
        } finally {
            log.endRun(outcome.runEnd(trainer));
        }
    }

    /** Loads a training state and continues its history; @return the epoch the run starts at */
    private int resume(TrainerRun run, Path dir) {
        Map<String, Object> metadata = trainer.loadTrainingState(dir);
        RunHistory history = trainer.runHistory();
        HistorySnapshot.restore(history, metadata);
        Object epoch = metadata.get("current_epoch");
        int resumedEpoch = epoch instanceof Number n ? Math.max(1, n.intValue()) : 1;
        history.setEpoch(resumedEpoch);
        TrainingLoop loop = run.loop();
        if (metadata.get("updates_completed") instanceof Number updates) {
            loop.globalStep = updates.longValue();
        }
        long batches = metadata.get("global_step") instanceof Number n ? n.longValue() : 0;
        run.setResumePoint(new ResumableCallback.ResumePoint(resumedEpoch - 1, batches, loop.globalStep));
        trainer.print("Resumed training state from " + dir + " at epoch " + resumedEpoch);
        return resumedEpoch;
    }
}
