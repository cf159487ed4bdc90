package io.trainstream.events;

import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code run_start}, the first event of a run: enough to find, compare, reproduce or replay it. The
 * run config is the wire's own typed record (17 named values), so it has one name everywhere.
 *
 * @param runConfig the run config as built by {@code train()} or {@code evaluate()}
 * @param runKind a train or an evaluate run
 * @param runName a human-readable name, or null
 * @param hyperparameters free-form hyperparameters, in order
 * @param seed the random seed, or null
 * @param modelSummary the model's structure as text
 * @param libraryVersions Java, DJL, engine and trainstream versions, by name
 * @param gitSha the commit of the code trained, or null
 * @param watchMetric the metric that judges the run, or null
 * @param greaterIsBetter whether a greater watched value is better
 */
public record RunStart(RunConfig runConfig, RunKind runKind, String runName, Map<String, String> hyperparameters,
        Long seed, String modelSummary, Map<String, String> libraryVersions, String gitSha, String watchMetric,
        boolean greaterIsBetter) implements EventBody {

    /** Checks the required fields and copies the maps (order kept). */
    public RunStart {
        Objects.requireNonNull(runConfig, "run_start run_config");
        Objects.requireNonNull(runKind, "run_start kind");
        Objects.requireNonNull(modelSummary, "run_start model_summary");
        hyperparameters = copy(hyperparameters, "hyperparameters");
        libraryVersions = copy(libraryVersions, "library_versions");
    }

    @Override
    public EventKind kind() {
        return EventKind.RUN_START;
    }

    private static Map<String, String> copy(Map<String, String> values, String field) {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(values, "run_start " + field).forEach((k, v) -> copy.put(String.valueOf(k),
                Objects.requireNonNull(v, () -> "run_start " + field + " '" + k + "' has no value")));
        return Collections.unmodifiableMap(copy);
    }
}
