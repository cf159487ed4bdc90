package io.trainstream.trainer;

import io.trainstream.events.history.RunHistory;

import java.util.List;

/**
 * What in-process callbacks would have done on a recorded run.
 *
 * @param wouldStop true when a callback would have stopped the run before its recorded end
 * @param stopEpoch the epoch in which it would have stopped, or null
 * @param stopReason the stop reason the callback gave, or null
 * @param lastRecordedEpoch the last epoch the recording completed
 * @param history the run history as it stood where the replay ended
 * @param findings one line per callback with a decision worth reporting (best value and epoch, ...)
 */
public record WhatIfReport(boolean wouldStop, Integer stopEpoch, String stopReason, int lastRecordedEpoch,
        RunHistory history, List<String> findings) {

    /** @return a one-paragraph summary, e.g. "would have stopped after epoch 7; best eval_loss_epoch 0.231 at epoch 5" */
    public String summary() {
        String head = wouldStop ? "would have stopped after epoch " + stopEpoch + " (" + stopReason + ")"
                : "would not have stopped before the recorded end (epoch " + lastRecordedEpoch + ")";
        return findings.isEmpty() ? head : head + "; " + String.join("; ", findings);
    }
}
