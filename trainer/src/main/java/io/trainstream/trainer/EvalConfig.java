package io.trainstream.trainer;

/**
 * The parameters of one {@link Trainer#evaluate} call: per-device batch size (default 8), loader
 * options (no shuffling by default) and an optional collate.
 *
 * @param perDeviceBatchSize eval batch size unless the options say otherwise
 * @param loaderOptions eval loader options merged over the defaults
 * @param collate how samples are combined into batches, or null
 */
public record EvalConfig(int perDeviceBatchSize, LoaderOptions loaderOptions, Collate collate) {

    /** Validates the batch size and fills in default options. */
    public EvalConfig {
        if (perDeviceBatchSize <= 0) {
            throw new TrainerConfigurationException("perDeviceBatchSize must be > 0, was " + perDeviceBatchSize);
        }
        loaderOptions = loaderOptions == null ? LoaderOptions.defaults() : loaderOptions;
    }

    /** @return batch size 8, default options, default collate */
    public static EvalConfig defaults() {
        return new EvalConfig(8, null, null);
    }

    /**
     * @param batchSize eval batch size
     * @return defaults with that batch size
     */
    public static EvalConfig withBatchSize(int batchSize) {
        return new EvalConfig(batchSize, null, null);
    }
}
