package io.trainstream.trainer.schedule;

/**
 * One checkpoint period of a warmup–stable–decay schedule, in optimizer updates.
 *
 * @param periodStart where the period starts (the previous checkpoint, or 0)
 * @param periodEnd the checkpoint ending it
 * @param decaySteps {@code int(length × decayPhaseRatio)}
 * @param preDecayStep {@code periodEnd − decaySteps}: where the stable phase ends
 */
public record WsdPeriod(int periodStart, int periodEnd, int decaySteps, int preDecayStep) {}
