package io.trainstream.consumers.replay;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.schemas.avro.RunConfig;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded run rebuilt from its typed events: the run history exactly as the trainer held it (the
 * one rebuild rule, {@link HistoryRebuild}), the run config, the per-step train losses. What-if
 * questions, which need the trainer's callbacks, are asked by the CLI over {@link #events()}.
 */
public final class RunReplay {

    private final List<RunEvent> events;
    private final RunHistory history = new InMemoryRunHistory();
    private final List<double[]> stepLosses = new ArrayList<>();
    private Map<String, Object> runConfig = Map.of();
    private Map<String, String> hyperparameters = Map.of();
    private Long seed;
    private String runName;
    private String status = "RUNNING";
    private int epochsCompleted;

    private RunReplay(List<RunEvent> events) {
        this.events = List.copyOf(events);
        for (RunEvent event : events) {
            HistoryRebuild.apply(history, event);
            EventBody body = event.body();
            if (body instanceof EventBody.TrainStepEnd step) {
                stepLosses.add(new double[] {stepLosses.size(), step.values().loss()});
            } else if (body instanceof RunStart start) {
                readStart(start);
            } else if (body instanceof EventBody.TrainingRunEpochEnd) {
                epochsCompleted = Math.max(epochsCompleted, event.epoch());
            } else if (body instanceof EventBody.RunEnd end) {
                status = end.status().name();
            }
        }
    }

    private void readStart(RunStart start) {
        RunConfig config = start.runConfig();
        runConfig = new LinkedHashMap<>();
        for (Schema.Field field : config.getSchema().getFields()) {
            runConfig.put(field.name(), config.get(field.pos()));
        }
        hyperparameters = start.hyperparameters();
        seed = start.seed();
        runName = start.runName();
    }

    /**
     * @param events the run's events in seq order
     * @return the replayed run
     */
    public static RunReplay of(List<RunEvent> events) {
        return new RunReplay(events);
    }

    /** @return the run history rebuilt from the log */
    public RunHistory history() {
        return history;
    }

    /** @return the run config of the run's (last) start event, by reference (snake_case) field name */
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

    /** @return COMPLETED, STOPPED, FAILED or INTERRUPTED from the run end event, or RUNNING when there is none */
    public String status() {
        return status;
    }

    /** @return the events replayed */
    public List<RunEvent> events() {
        return events;
    }
}
