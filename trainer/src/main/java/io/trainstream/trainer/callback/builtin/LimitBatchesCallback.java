package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * Limits the train and eval loaders to their first {@code numBatches} batches, for quick debugging
 * runs. The trainer adds it first when the {@code TRAINSTREAM_LIMIT_BATCHES} environment variable or
 * system property is set. Step counts in the run config still use the full loader lengths.
 */
public class LimitBatchesCallback implements TrainerCallback {

    private final int numBatches;

    /** @param numBatches most batches per epoch */
    public LimitBatchesCallback(int numBatches) {
        if (numBatches < 0) {
            throw new IllegalArgumentException("numBatches must be >= 0, was " + numBatches);
        }
        this.numBatches = numBatches;
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        if (trainer.trainDataloader() != null) {
            trainer.setTrainDataloader(trainer.trainDataloader().limitedTo(numBatches));
        }
        limitEval(trainer);
    }

    @Override
    public void onEvaluationRunStart(Trainer trainer) {
        limitEval(trainer);
    }

    /** @return the batch limit */
    public int numBatches() {
        return numBatches;
    }

    private void limitEval(Trainer trainer) {
        if (trainer.evalDataloader() != null) {
            trainer.setEvalDataloader(trainer.evalDataloader().limitedTo(numBatches));
        }
    }
}
