package io.trainstream.consumers.replay;

import io.trainstream.trainer.WhatIfAnalysis;
import io.trainstream.trainer.WhatIfReport;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.event.EventType;
import io.trainstream.trainer.event.TrainingEvent;
import io.trainstream.trainer.history.HistoryReplay;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded run rebuilt from its events: the run history exactly as the trainer held it, the run
 * config, the per-step train losses, and what-if answers.
 */
public final class RunReplay {

    private final List<TrainingEvent> events;
    private final RunHistory history = new InMemoryRunHistory();
    private final List<double[]> stepLosses = new ArrayList<>();
    private Map<String, Object> runConfig = Map.of();
    private Map<String, String> hyperparameters = Map.of();
    private Long seed;
    private String runName;
    private String status = "RUNNING";
    private int epochsCompleted;

    private RunReplay(List<TrainingEvent> events) {
        this.events = List.copyOf(events);
        for (TrainingEvent event : events) {
            HistoryReplay.apply(history, event);
            if (event.type() == EventType.TRAIN_STEP_END && event.payload().get("loss") instanceof Number loss) {
                stepLosses.add(new double[] {stepLosses.size(), loss.doubleValue()});
            } else if (event.type() == EventType.RUN_START) {
                readStart(event.payload());
            } else if (event.type() == EventType.TRAINING_RUN_EPOCH_END) {
                epochsCompleted = Math.max(epochsCompleted, event.epoch());
            } else if (event.type() == EventType.RUN_END) {
                status = String.valueOf(event.payload().get("status"));
            }
        }
    }

    private void readStart(Map<String, Object> payload) {
        if (payload.get("run_config") instanceof Map<?, ?> config) {
            runConfig = new LinkedHashMap<>();
            config.forEach((k, v) -> runConfig.put(String.valueOf(k), v));
        }
        if (payload.get("hyperparameters") instanceof Map<?, ?> hyper) {
            hyperparameters = new LinkedHashMap<>();
            hyper.forEach((k, v) -> hyperparameters.put(String.valueOf(k), String.valueOf(v)));
        }
        seed = payload.get("seed") instanceof Number n ? n.longValue() : null;
        runName = payload.get("run_name") == null ? null : String.valueOf(payload.get("run_name"));
    }

    /**
     * @param events the run's events in seq order
     * @return the replayed run
     */
    public static RunReplay of(List<TrainingEvent> events) {
        return new RunReplay(events);
    }

    /** @return the run history rebuilt from the log */
    public RunHistory history() {
        return history;
    }

    /** @return the run config of the run's (last) start event, by reference field name */
    public Map<String, Object> runConfig() {
        return runConfig;
    }

    /** @return the hyperparameters of the run's (last) start event */
    public Map<String, String> hyperparameters() {
        return hyperparameters;
    }

    /** @return the seed of the run's (last) start event, or null */
    public Long seed() {
        return seed;
    }

    /** @return the run's name from its (last) start event, or null */
    public String runName() {
        return runName;
    }

    /** @return the highest epoch whose {@code training_run_epoch_end} is in the log */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** @return (train step index, loss) pairs in order */
    public List<double[]> stepLosses() {
        return stepLosses;
    }

    /** @return COMPLETED, STOPPED or FAILED from the run end event, or RUNNING when there is none */
    public String status() {
        return status;
    }

    /** @return the events replayed */
    public List<TrainingEvent> events() {
        return events;
    }

    /**
     * @param callbacks fresh callbacks to ask
     * @return what they would have done on this run
     */
    public WhatIfReport whatIf(List<? extends TrainerCallback> callbacks) {
        return WhatIfAnalysis.run(events, callbacks);
    }
}
