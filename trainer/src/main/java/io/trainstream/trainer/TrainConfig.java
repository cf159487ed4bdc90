package io.trainstream.trainer;

import ai.djl.training.dataset.RandomAccessDataset;
import io.trainstream.trainer.schedule.SchedulerFactory;

import java.nio.file.Path;

/**
 * The parameters of one {@link Trainer#train} call, with the reference's defaults. Build it with
 * {@link #builder()}.
 *
 * <p>Defaults: no eval dataset, {@code perDeviceBatchSize} 8, no max train steps, gradient
 * accumulation 1, no clipping, no scheduler, default loader options (train shuffles, eval does not),
 * {@code resetRunHistory} true, DJL's default collation, no resume. {@code numEpochs} is required.
 *
 * @param numEpochs epochs to train; replaced by {@code ceil(max / updates per epoch)} when
 *     {@code maxNumTrainSteps} is set
 * @param evalDataset dataset evaluated after each train epoch, or null
 * @param perDeviceBatchSize batch size of both loaders unless their options say otherwise
 * @param maxNumTrainSteps cap on optimizer updates in this run, or null
 * @param gradientAccumulationSteps micro-batches per optimizer update
 * @param gradientClipValue clip gradients by value to [-v, v] after every backward, or null
 * @param schedulerFactory creates the learning-rate scheduler once the run config exists, or null
 * @param trainLoaderOptions train loader options merged over the defaults
 * @param evalLoaderOptions eval loader options merged over the defaults
 * @param resetRunHistory whether to clear the run history first (forced false by {@code resumeFrom})
 * @param collate how samples are combined into batches, or null for the datasets' own
 * @param resumeFrom a training-state directory to resume from, or null
 */
public record TrainConfig(
        int numEpochs,
        RandomAccessDataset evalDataset,
        int perDeviceBatchSize,
        Long maxNumTrainSteps,
        int gradientAccumulationSteps,
        Double gradientClipValue,
        SchedulerFactory schedulerFactory,
        LoaderOptions trainLoaderOptions,
        LoaderOptions evalLoaderOptions,
        boolean resetRunHistory,
        Collate collate,
        Path resumeFrom) {

    /** Validates every value and names the one that is wrong. */
    public TrainConfig {
        if (numEpochs <= 0 && maxNumTrainSteps == null) {
            throw new TrainerConfigurationException("numEpochs must be > 0, was " + numEpochs);
        }
        if (perDeviceBatchSize <= 0) {
            throw new TrainerConfigurationException("perDeviceBatchSize must be > 0, was " + perDeviceBatchSize);
        }
        if (maxNumTrainSteps != null && maxNumTrainSteps <= 0) {
            throw new TrainerConfigurationException("maxNumTrainSteps must be > 0, was " + maxNumTrainSteps);
        }
        if (gradientAccumulationSteps <= 0) {
            throw new TrainerConfigurationException(
                    "gradientAccumulationSteps must be > 0, was " + gradientAccumulationSteps);
        }
        if (gradientClipValue != null && !(gradientClipValue > 0)) {
            throw new TrainerConfigurationException("gradientClipValue must be > 0, was " + gradientClipValue);
        }
        trainLoaderOptions = trainLoaderOptions == null ? LoaderOptions.defaults() : trainLoaderOptions;
        evalLoaderOptions = evalLoaderOptions == null ? LoaderOptions.defaults() : evalLoaderOptions;
        if (resumeFrom != null) {
            resetRunHistory = false;
        }
    }

    /** @return a builder holding the reference's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder for {@link TrainConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private int numEpochs;
        private RandomAccessDataset evalDataset;
        private int perDeviceBatchSize = 8;
        private Long maxNumTrainSteps;
        private int gradientAccumulationSteps = 1;
        private Double gradientClipValue;
        private SchedulerFactory schedulerFactory;
        private LoaderOptions trainLoaderOptions;
        private LoaderOptions evalLoaderOptions;
        private boolean resetRunHistory = true;
        private Collate collate;
        private Path resumeFrom;

        private Builder() {}

        /** @param value epochs to train @return this builder */
        public Builder numEpochs(int value) {
            numEpochs = value;
            return this;
        }

        /** @param value dataset to evaluate after each epoch @return this builder */
        public Builder evalDataset(RandomAccessDataset value) {
            evalDataset = value;
            return this;
        }

        /** @param value batch size of both loaders @return this builder */
        public Builder perDeviceBatchSize(int value) {
            perDeviceBatchSize = value;
            return this;
        }

        /** @param value cap on optimizer updates @return this builder */
        public Builder maxNumTrainSteps(long value) {
            maxNumTrainSteps = value;
            return this;
        }

        /** @param value micro-batches per update @return this builder */
        public Builder gradientAccumulationSteps(int value) {
            gradientAccumulationSteps = value;
            return this;
        }

        /** @param value clip gradients to [-value, value] @return this builder */
        public Builder gradientClipValue(double value) {
            gradientClipValue = value;
            return this;
        }

        /** @param value creates the scheduler @return this builder */
        public Builder schedulerFactory(SchedulerFactory value) {
            schedulerFactory = value;
            return this;
        }

        /** @param value train loader options @return this builder */
        public Builder trainLoaderOptions(LoaderOptions value) {
            trainLoaderOptions = value;
            return this;
        }

        /** @param value eval loader options @return this builder */
        public Builder evalLoaderOptions(LoaderOptions value) {
            evalLoaderOptions = value;
            return this;
        }

        /** @param value whether to clear the history first @return this builder */
        public Builder resetRunHistory(boolean value) {
            resetRunHistory = value;
            return this;
        }

        /** @param value how samples become batches @return this builder */
        public Builder collate(Collate value) {
            collate = value;
            return this;
        }

        /** @param value training-state directory to resume from @return this builder */
        public Builder resumeFrom(Path value) {
            resumeFrom = value;
            return this;
        }

        /** @return the validated config */
        public TrainConfig build() {
            return new TrainConfig(numEpochs, evalDataset, perDeviceBatchSize, maxNumTrainSteps,
                    gradientAccumulationSteps, gradientClipValue, schedulerFactory, trainLoaderOptions,
                    evalLoaderOptions, resetRunHistory, collate, resumeFrom);
        }
    }
}
