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

    /**
     * The switch the trainer reads at construction (the reference's {@code PT_ACC_LIMIT_BATCHES}): a
     * system property or environment variable holding a number of batches, or {@code none}.
     *
     * @param name the property / variable name
     * @return the callback to put first, or empty when the switch is unset or {@code none}
     * @throws io.trainstream.trainer.TrainerConfigurationException when the value is not a number
     */
    public static java.util.Optional<TrainerCallback> fromEnvironment(String name) {
        String value = System.getProperty(name, System.getenv(name));
        if (value == null || value.isBlank() || value.equalsIgnoreCase("none")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new LimitBatchesCallback(Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            throw new io.trainstream.trainer.TrainerConfigurationException(name
                    + " must be a number of batches or 'none', was '" + value + "'", e);
        }
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
