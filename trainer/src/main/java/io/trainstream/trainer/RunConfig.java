package io.trainstream.trainer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The immutable description of the current run (the reference's {@code TrainerRunConfig}), rebuilt by
 * every {@code train()} and {@code evaluate()}. With one process, {@code isLocalProcessZero} and
 * {@code isWorldProcessZero} are true, {@code isDistributed} is false, {@code numProcesses} is 1 and
 * the global and local update counts are equal.
 *
 * <p>Its wire form is the Avro record {@code io.trainstream.schemas.avro.RunConfig} inside
 * {@code run_start}: same fields, snake_case. The Avro record keeps its name (record full names are part
 * of the single-object encoding's fingerprint), this class keeps the reference's; no class imports both.
 *
 * @param numEpochs epochs to run: as given, or {@code ceil(maxNumTrainSteps / numUpdateStepsPerEpoch)}
 * @param trainPerDeviceBatchSize train loader batch size
 * @param trainDlKwargs final train loader options (null when there is no train loader)
 * @param evalPerDeviceBatchSize eval loader batch size (the train one when not set)
 * @param evalDlKwargs final eval loader options (null when there is no eval loader)
 * @param gradientAccumulationSteps micro-batches per optimizer update
 * @param gradientClipValue clip gradients to [-v, v], or null
 * @param trainTotalBatchSize train per-device × processes × accumulation
 * @param evalTotalBatchSize eval per-device × processes
 * @param numUpdateStepsPerEpoch {@code ceil(len(train loader) × processes / accumulation)}, 0 without a train loader
 * @param numLocalUpdateStepsPerEpoch {@code ceil(len(train loader) / accumulation)}, 0 without
 * @param maxNumTrainSteps the cap on optimizer updates in this run, or {@code epochs × per epoch + 1}
 * @param isLocalProcessZero true with one process
 * @param isWorldProcessZero true with one process
 * @param isDistributed false with one process
 * @param mixedPrecision {@code "no"}: DJL's CPU engine trains in the model's own data type
 * @param numProcesses 1
 */
public record RunConfig(
        int numEpochs,
        int trainPerDeviceBatchSize,
        Map<String, String> trainDlKwargs,
        int evalPerDeviceBatchSize,
        Map<String, String> evalDlKwargs,
        int gradientAccumulationSteps,
        Double gradientClipValue,
        int trainTotalBatchSize,
        int evalTotalBatchSize,
        int numUpdateStepsPerEpoch,
        int numLocalUpdateStepsPerEpoch,
        long maxNumTrainSteps,
        boolean isLocalProcessZero,
        boolean isWorldProcessZero,
        boolean isDistributed,
        String mixedPrecision,
        int numProcesses) {

    /** Copies the kwargs maps so the record stays immutable. */
    public RunConfig {
        trainDlKwargs = trainDlKwargs == null ? null : Map.copyOf(trainDlKwargs);
        evalDlKwargs = evalDlKwargs == null ? null : Map.copyOf(evalDlKwargs);
    }

    /**
     * @return every field under its reference (snake_case) name, in declaration order; kwargs maps are
     *     rendered as {@code {k=v, ...}} strings and absent values as null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("num_epochs", numEpochs);
        map.put("train_per_device_batch_size", trainPerDeviceBatchSize);
        map.put("train_dl_kwargs", trainDlKwargs);
        map.put("eval_per_device_batch_size", evalPerDeviceBatchSize);
        map.put("eval_dl_kwargs", evalDlKwargs);
        map.put("gradient_accumulation_steps", gradientAccumulationSteps);
        map.put("gradient_clip_value", gradientClipValue);
        map.put("train_total_batch_size", trainTotalBatchSize);
        map.put("eval_total_batch_size", evalTotalBatchSize);
        map.put("num_update_steps_per_epoch", numUpdateStepsPerEpoch);
        map.put("num_local_update_steps_per_epoch", numLocalUpdateStepsPerEpoch);
        map.put("max_num_train_steps", maxNumTrainSteps);
        map.put("is_local_process_zero", isLocalProcessZero);
        map.put("is_world_process_zero", isWorldProcessZero);
        map.put("is_distributed", isDistributed);
        map.put("mixed_precision", mixedPrecision);
        map.put("num_processes", numProcesses);
        return map;
    }

    /**
     * Builds the config of a training run with one process.
     *
     * @param numEpochs requested epochs
     * @param maxNumTrainSteps requested cap on updates, or null
     * @param trainBatches batches per epoch of the train loader
     * @param trainOptions the train loader's resolved options
     * @param evalOptions the eval loader's resolved options, or null without an eval loader
     * @param accumulation gradient accumulation steps
     * @param clip gradient clip value, or null
     * @return the run config
     */
    public static RunConfig forTraining(int numEpochs, Long maxNumTrainSteps, int trainBatches,
            LoaderOptions trainOptions, LoaderOptions evalOptions, int accumulation, Double clip) {
        int updatesPerEpoch = (trainBatches + accumulation - 1) / accumulation;
        int epochs = numEpochs;
        long max;
        if (maxNumTrainSteps != null) {
            epochs = (int) Math.max(1, (maxNumTrainSteps + updatesPerEpoch - 1) / Math.max(1, updatesPerEpoch));
            max = maxNumTrainSteps;
        } else {
            max = (long) epochs * updatesPerEpoch + 1;
        }
        int trainBatch = trainOptions.batchSize();
        int evalBatch = evalOptions == null ? trainBatch : evalOptions.batchSize();
        return new RunConfig(epochs, trainBatch, trainOptions.toMap(), evalBatch,
                evalOptions == null ? null : evalOptions.toMap(), accumulation, clip, trainBatch * accumulation,
                evalBatch, updatesPerEpoch, updatesPerEpoch, max, true, true, false, "no", 1);
    }

    /**
     * Builds the config of an {@code evaluate()} run: one epoch, no accumulation, no clipping.
     *
     * @param previousTrainOptions the train loader options of the previous {@code train()}, or null
     * @param evalOptions the eval loader's resolved options
     * @return the run config
     */
    public static RunConfig forEvaluation(Map<String, String> previousTrainOptions, LoaderOptions evalOptions) {
        int evalBatch = evalOptions.batchSize();
        return new RunConfig(1, evalBatch, previousTrainOptions, evalBatch, evalOptions.toMap(), 1, null, evalBatch,
                evalBatch, 0, 0, 1, true, true, false, "no", 1);
    }
}
