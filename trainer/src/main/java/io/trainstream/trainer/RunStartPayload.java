package io.trainstream.trainer;

import ai.djl.engine.Engine;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.WatchesMetric;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a {@code run_start} event: the run config, what the run is (name, hyperparameters,
 * seed), the model, the library versions and the git commit, enough to find, compare and reproduce it.
 */
final class RunStartPayload {

    /** Environment variable naming the git commit of the code being trained, when known. */
    static final String GIT_SHA_ENV = "TRAINSTREAM_GIT_SHA";

    private RunStartPayload() {}

    static Map<String, Object> of(String kind, Trainer trainer) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("kind", kind);
        payload.put("run_config", trainer.runConfig().toMap());
        RunInfo info = trainer.runInfo();
        payload.put("run_name", info.runName());
        payload.put("hyperparameters", info.hyperparameters());
        payload.put("seed", info.seed());
        payload.put("model_summary", trainer.model().getBlock().toString());
        payload.put("library_versions", libraryVersions());
        payload.put("git_sha", System.getenv(GIT_SHA_ENV));
        String watched = null;
        boolean greaterIsBetter = false;
        for (TrainerCallback callback : trainer.callbackHandler().callbacks()) {
            if (callback instanceof WatchesMetric watcher) {
                watched = watcher.watchMetric();
                greaterIsBetter = watcher.greaterIsBetter();
                break;
            }
        }
        if (watched == null) {
            // nothing decides on a metric: judge the run by its loss, so run listings can show last and best
            watched = trainer.evalDataset() != null ? "eval_loss_epoch" : "train_loss_epoch";
            if ("EVALUATE".equals(kind)) {
                watched = "evaluation_loss";
            }
        }
        payload.put("watch_metric", watched);
        payload.put("greater_is_better", greaterIsBetter);
        return payload;
    }

    private static Map<String, String> libraryVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("djl", Engine.getDjlVersion());
        Package own = RunStartPayload.class.getPackage();
        versions.put("trainstream", own.getImplementationVersion() == null ? "dev" : own.getImplementationVersion());
        try {
            Engine engine = Engine.getInstance();
            versions.put("engine", engine.getEngineName() + " " + engine.getVersion());
        } catch (RuntimeException e) {
            versions.put("engine", "unavailable");
        }
        return versions;
    }
}
