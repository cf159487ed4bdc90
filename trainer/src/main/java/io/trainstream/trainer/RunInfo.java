package io.trainstream.trainer;

import java.util.Map;

/**
 * What a run is, beyond its config: a name, the hyperparameters and the seed, recorded in the run's
 * start event so the run can be found, compared and reproduced.
 *
 * @param runName a human-readable name, or null
 * @param hyperparameters free-form hyperparameters (learning rate, layer sizes, ...)
 * @param seed the random seed the run was started with, or null
 */
public record RunInfo(String runName, Map<String, String> hyperparameters, Long seed) {

    /** Copies the hyperparameters. */
    public RunInfo {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    }

    /** @return a run without name, hyperparameters or seed */
    public static RunInfo unnamed() {
        return new RunInfo(null, Map.of(), null);
    }
}
