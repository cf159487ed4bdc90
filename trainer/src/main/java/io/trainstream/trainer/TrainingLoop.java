package io.trainstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.events.EventKind;

/**
 * The epoch and step loops of one run of a {@link Trainer} (reference §2.1 and §2.3): each hook of the
 * trainer runs before the callback event of the same moment; the position in the run (batch index,
 * updates, last losses) is kept here and read through the trainer's accessors. Each run has its own
 * ({@link TrainerRun}), so a run starts at step 0, with no updates and no last loss.
 */
final class TrainingLoop {

    private final Trainer trainer;
    private final LossTracker trainLossTracker = new LossTracker();
    private final LossTracker evalLossTracker = new LossTracker();
    int currentStep;
    int currentEvalStep;
    boolean intermediateEval;
    long globalStep;
    double lastStepLoss = Double.NaN;
    double lastTrainStepLoss = Double.NaN;

    TrainingLoop(Trainer trainer) {
        this.trainer = trainer;
    }

    /** Runs the epochs of a training run, catching a stop per epoch, then the run-end hook and event. */
    void runEpochs(TrainConfig config, int firstEpoch, ResumableCallback.ResumePoint resumePoint, RunOutcome outcome) {
        trainer.trainingRunStart();
        handler().callEvent(EventKind.TRAINING_RUN_START, trainer, EventArgs.none());
        if (resumePoint != null) {
            for (TrainerCallback callback : handler().callbacks()) {
                if (callback instanceof ResumableCallback resumable) {
                    resumable.resumeFrom(trainer.runHistory(), resumePoint);
                }
            }
        }
        RunConfig runConfig = trainer.runConfig();
        int epochs = config.resumeFrom() == null ? runConfig.numEpochs() : runConfig.numEpochs() - firstEpoch + 1;
        for (int i = 0; i < epochs; i++) {
            boolean reachedMax;
            try {
                reachedMax = runTrainEpoch(config);
                if (trainer.evalDataset() != null) {
                    runEvalEpoch(true, false);
                }
                outcome.epochDone(trainer.runHistory().currentEpoch());
                trainer.trainingRunEpochEnd();
                handler().callEvent(EventKind.TRAINING_RUN_EPOCH_END, trainer, EventArgs.none());
                trainer.runHistory().incrementEpoch();
            } catch (StopTrainingException e) {
                handleStop(e, outcome);
                break;
            }
            if (reachedMax) {
                trainer.print("Reached max number of training steps " + runConfig.maxNumTrainSteps() + " in epoch "
                        + (i + 1));
                break;
            }
        }
        trainer.trainingRunEnd();
        handler().callEvent(EventKind.TRAINING_RUN_END, trainer, EventArgs.none());
    }

    /** @return true when the max number of updates was reached in this epoch */
    private boolean runTrainEpoch(TrainConfig config) {
        trainer.trainEpochStart();
        trainLossTracker.reset();
        handler().callEvent(EventKind.TRAIN_EPOCH_START, trainer, EventArgs.none());
        // read after the start event, so a callback that swaps or limits the loader takes effect
        DataLoader loader = trainer.trainDataloader();
        int batches = loader.size();
        int accumulation = config.gradientAccumulationSteps();
        Double clip = config.gradientClipValue();
        long maxUpdates = trainer.runConfig().maxNumTrainSteps();
        boolean reachedMax = false;
        int step = 0;
        for (Batch batch : loader) {
            try (batch) {
                currentStep = step;
                trainer.checkInterrupted();
                handler().callEvent(EventKind.TRAIN_STEP_START, trainer, EventArgs.stepStart(step));
                boolean updateNow = (step + 1) % accumulation == 0 || step + 1 == batches;
                StepOutput output;
                double loss;
                double callbackLoss;
                try (GradientCollector recording = trainer.session().newGradientCollector()) {
                    output = trainer.calculateTrainBatchLoss(batch);
                    loss = output.lossValue();
                    callbackLoss = loss;
                    if (accumulation > 1) {
                        // scaled while recording, so backward flows through the division
                        output = output.withLoss(output.loss().div(accumulation));
                        // read back, so the log holds exactly what callbacks will see
                        callbackLoss = output.lossValue();
                    }
                }
                lastStepLoss = loss;
                lastTrainStepLoss = loss;
                // the true mean loss is tracked, not the scaled one (reference bug §6.3 fixed)
                trainLossTracker.update(loss, output.batchSize());
                handler().callEvent(EventKind.TRAIN_STEP_END, trainer, EventArgs.stepEnd(batch, output, step, loss, callbackLoss));
                trainer.backwardStep(output.loss());
                if (clip != null) {
                    GradientClipping.clipByValue(trainer.model().getBlock(), clip);
                }
                if (updateNow) {
                    trainer.optimizerStep();
                    if (trainer.scheduler() != null) {
                        trainer.schedulerStep();
                    }
                    trainer.optimizerZeroGrad();
                    globalStep++;
                    if (globalStep >= maxUpdates) {
                        reachedMax = true;
                        break;
                    }
                }
            }
            step++;
        }
        trainer.trainEpochEnd();
        trainer.runHistory().updateMetric("train_loss_epoch", trainLossTracker.average());
        handler().callEvent(EventKind.TRAIN_EPOCH_END, trainer, EventArgs.none());
        return reachedMax;
    }

    /** One eval epoch over the trainer's current eval loader (reference §2.3). */
    void runEvalEpoch(boolean isTraining, boolean isIntermediate) {
        // set before the start hook, so every eval hook and callback can read both
        intermediateEval = isIntermediate;
        currentEvalStep = 0;
        trainer.evalEpochStart();
        evalLossTracker.reset();
        handler().callEvent(EventKind.EVAL_EPOCH_START, trainer, EventArgs.evalEpoch(isIntermediate));
        // read after the start event, so a callback that swaps or limits the loader takes effect
        DataLoader loader = trainer.evalDataloader();
        if (loader == null) {
            throw new TrainerConfigurationException("no eval dataset: pass one to train() or evaluate()");
        }
        int evalStep = 0;
        for (Batch batch : loader) {
            currentEvalStep = evalStep++;
            try (batch) {
                trainer.checkInterrupted();
                handler().callEvent(EventKind.EVAL_STEP_START, trainer, EventArgs.none());
                StepOutput output = trainer.calculateEvalBatchLoss(batch);
                double loss = output.lossValue();
                lastStepLoss = loss;
                evalLossTracker.update(loss, output.batchSize());
                handler().callEvent(EventKind.EVAL_STEP_END, trainer, EventArgs.stepEnd(batch, output, null, loss));
            }
        }
        trainer.evalEpochEnd();
        String metric = isIntermediate ? "intermediate_eval_loss" : isTraining ? "eval_loss_epoch" : "evaluation_loss";
        trainer.runHistory().updateMetric(metric, evalLossTracker.average());
        handler().callEvent(EventKind.EVAL_EPOCH_END, trainer, EventArgs.evalEpoch(isIntermediate));
        // training resumes after an intermediate evaluation: the flag no longer applies
        intermediateEval = false;
    }

    /** Prints the reason, records the stop and fires {@code stop_training_error}. */
    void handleStop(StopTrainingException e, RunOutcome outcome) {
        trainer.print(e.reason());
        outcome.stop(e);
        handler().callEvent(EventKind.STOP_TRAINING_ERROR, trainer, EventArgs.stop(e));
    }

    /** The default loss computation of both batch-loss hooks: forward in the current mode, then the loss. */
    StepOutput computeLoss(Batch batch) {
        NDList labels = batch.getLabels();
        ai.djl.training.Trainer session = trainer.session();
        NDList outputs = trainer.isTrainingMode() ? session.forward(batch.getData()) : session.evaluate(batch.getData());
        NDArray loss = trainer.lossFunction().evaluate(labels, outputs);
        return new StepOutput(loss, outputs, batchSize(batch));
    }

    private static int batchSize(Batch batch) {
        NDList labels = batch.getLabels();
        if (labels != null && !labels.isEmpty() && labels.head().getShape().dimension() > 0) {
            return (int) labels.head().getShape().get(0);
        }
        return batch.getSize();
    }

    private CallbackHandler handler() {
        // looked up per event: callbacks such as the EMA one swap the handler during an epoch
        return trainer.callbackHandler();
    }
}
