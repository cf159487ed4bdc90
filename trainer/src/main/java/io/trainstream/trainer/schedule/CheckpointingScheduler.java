package io.trainstream.trainer.schedule;

import java.util.List;

/**
 * A scheduler that plans checkpoints (the reference's duck-typed {@code get_checkpoint_steps}): the
 * {@code WsdCheckpointCallback} reads from it when to save pre- and post-decay checkpoints.
 */
public interface CheckpointingScheduler extends LrScheduler {

    /** @return the update counts at which checkpoint periods end, ascending */
    List<Integer> checkpointSteps();

    /** @return one entry per checkpoint period */
    List<WsdPeriod> decayInfo();

    /**
     * @param numUpdates a number of completed updates
     * @return the first period ending at or after it, else the last period
     */
    WsdPeriod phaseInfo(long numUpdates);

    /** @return the fraction of each period spent decaying */
    double decayPhaseRatio();

    /** @return the reference's counter: −1 before the first step, then the index of the last update applied */
    long currentStep();
}
