package io.trainstream.trainer;

import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.WatchesMetric;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs in-process callbacks (early stopping, best-model decisions, NaN checks, user callbacks) over a
 * recorded run's events without retraining, and reports what they would have done. Best-model
 * callbacks run dry: they decide but write and load no checkpoint.
 */
public final class WhatIfAnalysis {

    private WhatIfAnalysis() {}

    /**
     * @param events the run's events in seq order
     * @param callbacks fresh callback instances to evaluate, in order
     * @return what the callbacks would have done
     */
    public static WhatIfReport run(List<RunEvent> events, List<? extends TrainerCallback> callbacks) {
        for (TrainerCallback callback : callbacks) {
            if (callback instanceof SaveBestModelCallback saveBest) {
                saveBest.setDryRun(true);
            }
        }
        // the last epoch the recording completed
        int lastEpoch = 0;
        try (ReplayTrainer trainer = new ReplayTrainer(callbacks)) {
            for (RunEvent event : events) {
                if (event.kind() == EventKind.TRAINING_RUN_EPOCH_END) {
                    lastEpoch = Math.max(lastEpoch, event.epoch());
                }
                if (event.kind() == EventKind.STOP_TRAINING_ERROR) {
                    // the recorded run stopped here: the callbacks under test did not stop it earlier
                    break;
                }
                try {
                    trainer.apply(event);
                } catch (StopTrainingException stop) {
                    RunHistory history = trainer.runHistory();
                    return new WhatIfReport(true, history.currentEpoch(), stop.reason(), lastEpoch, history,
                            findings(history, callbacks, history.currentEpoch()));
                }
            }
            RunHistory history = trainer.runHistory();
            return new WhatIfReport(false, null, null, lastEpoch, history, findings(history, callbacks, lastEpoch));
        }
    }

    private static List<String> findings(RunHistory history, List<? extends TrainerCallback> callbacks, int lastEpoch) {
        List<String> findings = new ArrayList<>();
        for (TrainerCallback callback : callbacks) {
            if (callback instanceof WatchesMetric watcher) {
                List<Double> values = history.metricValues(watcher.watchMetric());
                int best = -1;
                for (int i = 0; i < values.size(); i++) {
                    if (best < 0 || (watcher.greaterIsBetter() ? values.get(i) > values.get(best) : values.get(i) < values.get(best))) {
                        best = i;
                    }
                }
                if (best >= 0) {
                    int firstEpoch = lastEpoch - values.size() + 1;
                    String finding = "best " + watcher.watchMetric() + " " + String.format("%.4g", values.get(best))
                            + " at epoch " + (firstEpoch + best);
                    if (!findings.contains(finding)) {
                        findings.add(finding);
                    }
                }
            }
        }
        return findings;
    }
}
