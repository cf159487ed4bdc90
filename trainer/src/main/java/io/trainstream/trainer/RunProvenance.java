package io.trainstream.trainer;

import ai.djl.engine.Engine;
import io.trainstream.events.RunStart;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.WatchesMetric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a run's {@code run_start} event: the run config, what the run is (name, hyperparameters,
 * seed), the model, the library versions and the git commit, enough to find, compare and reproduce it.
 */
final class RunProvenance {

    /** Environment variable naming the git commit of the code being trained, when known. */
    static final String GIT_SHA_ENV = "TRAINSTREAM_GIT_SHA";

    private RunProvenance() {}

    static RunStart runStart(RunKind kind, Trainer trainer) {
        RunInfo info = trainer.runInfo();
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
            if (kind == RunKind.EVALUATE) {
                watched = "evaluation_loss";
            }
        }
        return new RunStart(wireConfig(trainer.runConfig()), kind, info.runName(), info.hyperparameters(),
                info.seed(), trainer.model().getBlock().toString(), libraryVersions(),
                System.getenv(GIT_SHA_ENV), watched, greaterIsBetter);
    }

    /** The run config as the log records it: absent loader options as empty maps. */
    private static io.trainstream.schemas.avro.RunConfig wireConfig(RunConfig c) {
        return new io.trainstream.schemas.avro.RunConfig(c.numEpochs(), c.trainPerDeviceBatchSize(),
                strings(c.trainDlKwargs()), c.evalPerDeviceBatchSize(), strings(c.evalDlKwargs()),
                c.gradientAccumulationSteps(), c.gradientClipValue(), c.trainTotalBatchSize(), c.evalTotalBatchSize(),
                c.numUpdateStepsPerEpoch(), c.numLocalUpdateStepsPerEpoch(), c.maxNumTrainSteps(),
                c.isLocalProcessZero(), c.isWorldProcessZero(), c.isDistributed(), c.mixedPrecision(),
                c.numProcesses());
    }

    private static Map<String, String> strings(Map<String, String> options) {
        return options == null ? new LinkedHashMap<>() : new LinkedHashMap<>(options);
    }

    private static Map<String, String> libraryVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("djl", Engine.getDjlVersion());
        Package own = RunProvenance.class.getPackage();
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
