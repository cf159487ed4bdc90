package io.trainstream.trainer;

import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.WatchesMetric;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        try (Session session = start(callbacks)) {
            for (RunEvent event : events) {
                if (session.isDone()) {
                    break;
                }
                session.accept(event);
            }
            return session.report();
        }
    }

    /**
     * Starts an analysis to be handed the run's events one at a time (a stream of the run's log), so
     * the run is never held in memory.
     *
     * @param callbacks fresh callback instances to evaluate, in order
     * @return the session; close it when done
     */
    public static Session start(List<? extends TrainerCallback> callbacks) {
        return new Session(callbacks);
    }

    /**
     * One what-if analysis fed event by event: the callbacks run in a {@link ReplayTrainer} as each event
     * comes; once they stop the run, or the recording's own stop is reached, later events are ignored.
     * Not thread-safe.
     */
    public static final class Session implements Consumer<RunEvent>, AutoCloseable {

        private final List<? extends TrainerCallback> callbacks;
        private final ReplayTrainer trainer;
        // the last epoch the recording completed
        private int lastEpoch;
        private boolean done;
        private WhatIfReport stopped;

        private Session(List<? extends TrainerCallback> callbacks) {
            this.callbacks = List.copyOf(callbacks);
            for (TrainerCallback callback : this.callbacks) {
                if (callback instanceof SaveBestModelCallback saveBest) {
                    saveBest.setDryRun(true);
                }
            }
            this.trainer = new ReplayTrainer(this.callbacks);
        }

        /** @param event the run's next event in seq order; ignored once {@link #isDone()} */
        @Override
        public void accept(RunEvent event) {
            if (done) {
                return;
            }
            if (event.kind() == EventKind.TRAINING_RUN_EPOCH_END) {
                lastEpoch = Math.max(lastEpoch, event.epoch());
            }
            if (event.kind() == EventKind.STOP_TRAINING_ERROR) {
                // the recorded run stopped here: the callbacks under test did not stop it earlier
                done = true;
                return;
            }
            try {
                trainer.apply(event);
            } catch (StopTrainingException stop) {
                RunHistory history = trainer.runHistory();
                stopped = new WhatIfReport(true, history.currentEpoch(), stop.reason(), lastEpoch, history,
                        findings(history, callbacks, history.currentEpoch()));
                done = true;
            }
        }

        /** @return true when later events can no longer change the answer */
        public boolean isDone() {
            return done;
        }

        /** @return what the callbacks would have done, given the events handed over */
        public WhatIfReport report() {
            if (stopped != null) {
                return stopped;
            }
            RunHistory history = trainer.runHistory();
            return new WhatIfReport(false, null, null, lastEpoch, history, findings(history, callbacks, lastEpoch));
        }

        /** Closes the replay trainer. */
        @Override
        public void close() {
            trainer.close();
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
