package io.trainstream.trainer.schedule;

/** Values of the run that scheduler arguments may refer to before the run exists. */
public enum Placeholder implements IntValue {
    /** The run config's number of epochs. */
    NUM_EPOCHS,
    /** Optimizer updates per epoch across all processes. */
    NUM_UPDATE_STEPS_PER_EPOCH,
    /** Optimizer updates per epoch of this process. */
    PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH,
    /** Batches per epoch of the train loader (not updates). */
    TRAIN_DATALOADER_LEN,
    /** Batches of the eval loader (0 without one). */
    EVAL_DATALOADER_LEN;

    @Override
    public int resolve(ScheduleContext context) {
        return switch (this) {
            case NUM_EPOCHS -> context.runConfig().numEpochs();
            case NUM_UPDATE_STEPS_PER_EPOCH -> context.runConfig().numUpdateStepsPerEpoch();
            case PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH -> context.runConfig().numLocalUpdateStepsPerEpoch();
            case TRAIN_DATALOADER_LEN -> context.trainDataloaderLength();
            case EVAL_DATALOADER_LEN -> context.evalDataloaderLength();
        };
    }
}
