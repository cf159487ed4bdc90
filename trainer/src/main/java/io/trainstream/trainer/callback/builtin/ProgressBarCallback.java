package io.trainstream.trainer.callback.builtin;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per train and eval epoch, one tick per batch. In a terminal it redraws in place; when
 * there is no console (a CI log, a redirected file) it prints plain ASCII lines, at most one per
 * second, so the log stays readable.
 */
public class ProgressBarCallback implements TrainerCallback {

    private ProgressBar trainBar;
    private ProgressBar evalBar;

    @Override
    public void onTrainEpochStart(Trainer trainer) {
        closeQuietly(trainBar);
        trainBar = open("train epoch " + trainer.runHistory().currentEpoch(), trainer.trainDataloader().size());
    }

    @Override
    public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        if (trainBar != null) {
            trainBar.step();
        }
    }

    @Override
    public void onTrainEpochEnd(Trainer trainer) {
        closeQuietly(trainBar);
        trainBar = null;
    }

    @Override
    public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
        closeQuietly(evalBar);
        evalBar = open(isIntermediate ? "intermediate eval" : "eval", trainer.evalDataloader().size());
    }

    @Override
    public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        if (evalBar != null) {
            evalBar.step();
        }
    }

    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        closeQuietly(evalBar);
        evalBar = null;
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        // a stop mid-epoch leaves bars open in the reference; close them here
        closeQuietly(trainBar);
        closeQuietly(evalBar);
        trainBar = null;
        evalBar = null;
    }

    /** @return the ticks of the open train bar, or -1 when none is open */
    public long trainTicks() {
        return trainBar == null ? -1 : trainBar.getCurrent();
    }

    private static ProgressBar open(String task, int total) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUpdateIntervalMillis(1000).showSpeed();
        if (System.console() == null) {
            builder.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(System.out::println));
        }
        return builder.build();
    }

    private static void closeQuietly(ProgressBar bar) {
        if (bar != null) {
            bar.close();
        }
    }
}
