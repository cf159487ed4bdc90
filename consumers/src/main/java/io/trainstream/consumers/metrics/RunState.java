package io.trainstream.consumers.metrics;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import io.trainstream.schemas.avro.RunStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run inside the metrics consumer, with the highest seq it applied. Mutated by the runner thread under the object's lock; readers
 * take the lock for history copies, or read the published {@link #view} without it.
 */
final class RunState {

    private final String runId;
    private final int partition;
    private Integer endedEpochs;
    private final RunHistory history = new InMemoryRunHistory();
    private String runName;
    private RunStatus status = RunStatus.RUNNING;
    private long globalStep;
    private long lastSeq = -1;
    private volatile RunView view;

    RunState(String runId, int partition) {
        this.runId = runId;
        this.partition = partition;
    }

    /** @return the events-topic partition the run's events were read from */
    int partition() {
        return partition;
    }

    /**
     * Applies the run's next event, unless its seq was applied already: the sequence guard, so a
     * re-read of the log never applies a value twice.
     *
     * @return false when the event was a re-read and left the state alone
     */
    synchronized boolean apply(RunEvent event) {
        if (event.seq() <= lastSeq) {
            return false;
        }
        HistoryRebuild.apply(history, event);
        if (event.body() instanceof RunStart start) {
            runName = start.runName();
            status = RunStatus.RUNNING;
        } else if (event.body() instanceof EventBody.RunEnd end) {
            // an ended run's history sits one past its last epoch: report the epochs it completed
            endedEpochs = end.epochsCompleted();
            status = end.runStatus();
        }
        globalStep = event.globalStep();
        lastSeq = event.seq();
        int epoch = endedEpochs != null ? endedEpochs : history.currentEpoch();
        view = new RunView(runId, runName, status, epoch, globalStep, lastSeq, latest());
        return true;
    }

    private Map<String, Double> latest() {
        Map<String, Double> latest = new LinkedHashMap<>();
        for (String name : history.metricNames()) {
            List<Double> values = history.metricValues(name);
            if (!values.isEmpty()) {
                latest.put(name, values.get(values.size() - 1));
            }
        }
        return latest;
    }

    RunView view() {
        return view;
    }

    /** @return a copy of every metric's values, in the order metrics first appeared */
    synchronized Map<String, List<Double>> historyCopy() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        for (String name : history.metricNames()) {
            copy.put(name, List.copyOf(history.metricValues(name)));
        }
        return copy;
    }
}
