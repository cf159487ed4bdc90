package io.trainstream.consumers.replay;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.schemas.avro.RunConfig;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A recorded run rebuilt from its typed events: the run history exactly as the trainer held it (the
 * one rebuild rule, {@link HistoryRebuild}), the run config, the per-step train losses. Built one
 * event at a time ({@link #rebuild()}, fed by a stream such as {@link RecordedRuns#stream}) and keeping
 * no event: what it holds is the history itself (one value per metric update), the config of the last
 * start event, a few counters, and the step losses in a bounded {@link StepLossSeries}. So its heap
 * does not grow with the run's event count beyond the history it rebuilds. What-if questions, which
 * need the trainer's callbacks, are asked by the CLI over a second stream of the run.
 */
public final class RunReplay {

    private final RunHistory history = new InMemoryRunHistory();
    private final StepLossSeries stepLosses = new StepLossSeries();
    private Map<String, Object> runConfig = Map.of();
    private Map<String, String> hyperparameters = Map.of();
    private Long seed;
    private String runName;
    private String status = "RUNNING";
    private int epochsCompleted;
    private long events;
    private long lastSeq = -1;

    private RunReplay() {}

    private void apply(RunEvent event) {
        HistoryRebuild.apply(history, event);
        events++;
        lastSeq = event.seq();
        EventBody body = event.body();
        if (body instanceof EventBody.TrainStepEnd step) {
            stepLosses.add(step.values().loss());
        } else if (body instanceof RunStart start) {
            readStart(start);
        } else if (body instanceof EventBody.TrainingRunEpochEnd) {
            epochsCompleted = Math.max(epochsCompleted, event.epoch());
        } else if (body instanceof EventBody.RunEnd end) {
            status = end.status().name();
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
        Rebuild rebuild = rebuild();
        events.forEach(rebuild);
        return rebuild.result();
    }

    /** @return an empty rebuild, to be handed the run's events one by one in seq order */
    public static Rebuild rebuild() {
        return new Rebuild();
    }

    /**
     * Rebuilds a {@link RunReplay} from events handed over one at a time, keeping none of them. Not
     * thread-safe; hand it events from one thread.
     */
    public static final class Rebuild implements Consumer<RunEvent> {

        private final RunReplay replay = new RunReplay();

        private Rebuild() {}

        /** @param event the run's next event in seq order */
        @Override
        public void accept(RunEvent event) {
            replay.apply(event);
        }

        /** @return the run as rebuilt from the events handed over so far (live: later events still change it) */
        public RunReplay result() {
            return replay;
        }
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

    /**
     * @return (train step index, loss) pairs in step order, finite losses only: every step of a run of up
     *     to {@value StepLossSeries#CAPACITY} steps, else each step bucket's lowest and highest (see {@link StepLossSeries})
     */
    public List<double[]> stepLosses() {
        return stepLosses.points();
    }

    /** @return train steps replayed, whether their loss was finite or not */
    public long trainSteps() {
        return stepLosses.steps();
    }

    /** @return events replayed (each seq once; kinds this version does not know never reach a replay) */
    public long eventCount() {
        return events;
    }

    /** @return the seq of the last event replayed, or -1 when there was none */
    public long lastSeq() {
        return lastSeq;
    }

    /** @return COMPLETED, STOPPED, FAILED or INTERRUPTED from the run end event, or RUNNING when there is none */
    public String status() {
        return status;
    }
}
