package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.TrainerCallback;

import java.util.ArrayList;
import java.util.List;

/** A recording callback and a recording trainer that write hooks and events into one timeline. */
final class Recording {

    private Recording() {}

    /** Records every event as "event:name" (with step / intermediate flag where the event has one). */
    static final class RecordingCallback implements TrainerCallback {
        final List<String> timeline;
        final List<Integer> epochs = new ArrayList<>();

        RecordingCallback(List<String> timeline) {
            this.timeline = timeline;
        }

        private void add(Trainer trainer, String entry) {
            timeline.add("event:" + entry);
            epochs.add(trainer.runHistory().currentEpoch());
        }

        @Override public void onInitEnd(Trainer t) { add(t, "init_end"); }
        @Override public void onTrainingRunStart(Trainer t) { add(t, "training_run_start"); }
        @Override public void onTrainEpochStart(Trainer t) { add(t, "train_epoch_start"); }
        @Override public void onTrainStepStart(Trainer t) { add(t, "train_step_start"); }
        @Override public void onTrainStepEnd(Trainer t, Batch b, StepOutput o) { add(t, "train_step_end@" + t.currentStep()); }
        @Override public void onTrainEpochEnd(Trainer t) { add(t, "train_epoch_end"); }
        @Override public void onEvalEpochStart(Trainer t, boolean i) { add(t, "eval_epoch_start" + (i ? "(intermediate)" : "")); }
        @Override public void onEvalStepStart(Trainer t) { add(t, "eval_step_start"); }
        @Override public void onEvalStepEnd(Trainer t, Batch b, StepOutput o) { add(t, "eval_step_end"); }
        @Override public void onEvalEpochEnd(Trainer t, boolean i) { add(t, "eval_epoch_end" + (i ? "(intermediate)" : "")); }
        @Override public void onTrainingRunEpochEnd(Trainer t) { add(t, "training_run_epoch_end"); }
        @Override public void onTrainingRunEnd(Trainer t) { add(t, "training_run_end"); }
        @Override public void onEvaluationRunStart(Trainer t) { add(t, "evaluation_run_start"); }
        @Override public void onEvaluationRunEnd(Trainer t) { add(t, "evaluation_run_end"); }
        @Override public void onStopTrainingError(Trainer t, StopTrainingException e) { add(t, "stop_training_error"); }
    }

    /** Records every hook as "hook:name" before running the default. */
    static class RecordingTrainer extends Trainer {
        List<String> timeline = new ArrayList<>();

        RecordingTrainer(Model model, Optimizer optimizer, Iterable<? extends TrainerCallback> callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), optimizer, callbacks);
        }

        @Override protected void trainingRunStart() { timeline.add("hook:training_run_start"); super.trainingRunStart(); }
        @Override protected void trainEpochStart() { timeline.add("hook:train_epoch_start"); super.trainEpochStart(); }
        @Override protected StepOutput calculateTrainBatchLoss(Batch batch) {
            timeline.add("hook:calculate_train_batch_loss");
            return super.calculateTrainBatchLoss(batch);
        }
        @Override protected void backwardStep(NDArray loss) { timeline.add("hook:backward_step"); super.backwardStep(loss); }
        @Override protected void optimizerStep() { timeline.add("hook:optimizer_step"); super.optimizerStep(); }
        @Override protected void schedulerStep() { timeline.add("hook:scheduler_step"); super.schedulerStep(); }
        @Override protected void optimizerZeroGrad() { timeline.add("hook:optimizer_zero_grad"); super.optimizerZeroGrad(); }
        @Override protected void trainEpochEnd() { timeline.add("hook:train_epoch_end"); super.trainEpochEnd(); }
        @Override protected void evalEpochStart() { timeline.add("hook:eval_epoch_start"); super.evalEpochStart(); }
        @Override protected StepOutput calculateEvalBatchLoss(Batch batch) {
            timeline.add("hook:calculate_eval_batch_loss");
            return super.calculateEvalBatchLoss(batch);
        }
        @Override protected void evalEpochEnd() { timeline.add("hook:eval_epoch_end"); super.evalEpochEnd(); }
        @Override protected void trainingRunEpochEnd() { timeline.add("hook:training_run_epoch_end"); super.trainingRunEpochEnd(); }
        @Override protected void trainingRunEnd() { timeline.add("hook:training_run_end"); super.trainingRunEnd(); }
        @Override protected void evaluationRunStart() { timeline.add("hook:evaluation_run_start"); super.evaluationRunStart(); }
        @Override protected void evaluationRunEnd() { timeline.add("hook:evaluation_run_end"); super.evaluationRunEnd(); }
    }
}
