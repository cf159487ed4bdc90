package io.trainstream.trainer;

import ai.djl.training.dataset.Sampler;

/**
 * Options for one data loader, merged over the trainer's defaults (the reference's
 * {@code train_dataloader_kwargs}/{@code eval_dataloader_kwargs}). Every field is optional: a null
 * field keeps the default.
 *
 * <ul>
 *   <li>{@code batchSize}: wins over the per-device batch size given to {@code train()}.
 *   <li>{@code shuffle}: default true for training, false for evaluation; ignored when a sampler is
 *       given (as the reference drops {@code shuffle} when a {@code sampler} is passed).
 *   <li>{@code sampler}: the order in which samples are drawn.
 *   <li>{@code dropLast}: drop a last partial batch (default false).
 *   <li>{@code seed}: base seed for shuffling; epoch {@code e} shuffles with {@code seed + e}
 *       (default 42, the seed the reference re-applies at every {@code train()}).
 * </ul>
 *
 * @param batchSize batch size, or null for the per-device batch size
 * @param shuffle whether to shuffle, or null for the default
 * @param sampler a sampler that replaces shuffling, or null
 * @param dropLast whether to drop the last partial batch, or null for false
 * @param seed base shuffle seed, or null for 42
 */
public record LoaderOptions(Integer batchSize, Boolean shuffle, Sampler.SubSampler sampler, Boolean dropLast, Long seed) {

    /** Default base seed for shuffling. */
    public static final long DEFAULT_SEED = 42L;

    /** Validates the batch size. */
    public LoaderOptions {
        if (batchSize != null && batchSize <= 0) {
            throw new TrainerConfigurationException("loader batchSize must be > 0, was " + batchSize);
        }
    }

    /** @return options that keep every default */
    public static LoaderOptions defaults() {
        return new LoaderOptions(null, null, null, null, null);
    }

    /**
     * @param value batch size to use
     * @return a copy with that batch size
     */
    public LoaderOptions withBatchSize(int value) {
        return new LoaderOptions(value, shuffle, sampler, dropLast, seed);
    }

    /**
     * @param value whether to shuffle
     * @return a copy with that shuffle flag
     */
    public LoaderOptions withShuffle(boolean value) {
        return new LoaderOptions(batchSize, value, sampler, dropLast, seed);
    }

    /**
     * @param value sampler to draw samples with
     * @return a copy with that sampler
     */
    public LoaderOptions withSampler(Sampler.SubSampler value) {
        return new LoaderOptions(batchSize, shuffle, value, dropLast, seed);
    }

    /**
     * @param value whether to drop the last partial batch
     * @return a copy with that flag
     */
    public LoaderOptions withDropLast(boolean value) {
        return new LoaderOptions(batchSize, shuffle, sampler, value, seed);
    }

    /**
     * @param value base shuffle seed
     * @return a copy with that seed
     */
    public LoaderOptions withSeed(long value) {
        return new LoaderOptions(batchSize, shuffle, sampler, dropLast, value);
    }

    /**
     * Merges these user options over defaults the way the reference merges kwargs.
     *
     * @param defaultBatchSize batch size when none is set
     * @param defaultShuffle shuffle flag when none is set
     * @return fully resolved options
     */
    public LoaderOptions resolve(int defaultBatchSize, boolean defaultShuffle) {
        boolean resolvedShuffle = sampler == null && (shuffle == null ? defaultShuffle : shuffle);
        return new LoaderOptions(
                batchSize == null ? defaultBatchSize : batchSize,
                sampler == null ? resolvedShuffle : null,
                sampler,
                dropLast != null && dropLast,
                seed == null ? DEFAULT_SEED : seed);
    }

    /**
     * @return a string map of the options that are set, for the run config and the event log
     */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        if (batchSize != null) {
            map.put("batch_size", batchSize.toString());
        }
        if (shuffle != null) {
            map.put("shuffle", shuffle.toString());
        }
        if (sampler != null) {
            map.put("sampler", sampler.getClass().getName());
        }
        if (dropLast != null) {
            map.put("drop_last", dropLast.toString());
        }
        if (seed != null) {
            map.put("seed", seed.toString());
        }
        return map;
    }

}
