package io.trainstream.consumers.dashboard;

import java.util.Map;

/**
 * One run with what its {@code run_start} event said: an immutable snapshot for the run page.
 *
 * @param run the run's overview (status, progress, counters)
 * @param config the run config (17 values), by snake_case name, rendered as strings
 * @param hyperparameters the hyperparameters the trainer recorded
 * @param provenance seed, git sha, watched metric, model summary and library versions (as {@code lib.<name>})
 */
public record RunDetail(RunOverview run, Map<String, String> config, Map<String, String> hyperparameters,
                        Map<String, String> provenance) {

    /** Copies the maps (keeping their order). */
    public RunDetail {
        config = Maps.orderedCopy(config);
        hyperparameters = Maps.orderedCopy(hyperparameters);
        provenance = Maps.orderedCopy(provenance);
    }
}
