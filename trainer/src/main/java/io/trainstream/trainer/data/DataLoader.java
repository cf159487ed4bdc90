package io.trainstream.trainer.data;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import io.trainstream.trainer.Collate;
import io.trainstream.trainer.LoaderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Batches of a dataset for one run: batch size, shuffling and collation as resolved from
 * {@link LoaderOptions}, optionally limited to the first {@code n} batches. Each iteration draws a
 * fresh order; shuffled loaders seed it with {@code seed + round}, where the round is the epoch.
 * Every {@link Batch} it yields must be closed by the caller.
 */
public final class DataLoader implements Iterable<Batch> {

    private final RandomAccessDataset dataset;
    private final LoaderOptions options;
    private final Collate collate;
    private final NDManager manager;
    private final IntSupplier round;
    private final int limit;

    /**
     * @param dataset the samples
     * @param options fully resolved options ({@link LoaderOptions#resolve})
     * @param collate how samples become batches, or null for the dataset's own batchifiers
     * @param manager owns the batches' arrays
     * @param round the shuffle round (the epoch), read at each iteration
     */
    public DataLoader(RandomAccessDataset dataset, LoaderOptions options, Collate collate, NDManager manager,
            IntSupplier round) {
        this(dataset, options, collate, manager, round, Integer.MAX_VALUE);
    }

    private DataLoader(RandomAccessDataset dataset, LoaderOptions options, Collate collate, NDManager manager,
            IntSupplier round, int limit) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        this.collate = collate;
        this.manager = manager;
        this.round = round;
        this.limit = limit;
    }

    /**
     * @param numBatches most batches to yield
     * @return a view of this loader that stops after {@code numBatches} batches
     */
    public DataLoader limitedTo(int numBatches) {
        if (numBatches < 0) {
            throw new IllegalArgumentException("numBatches must be >= 0, was " + numBatches);
        }
        return new DataLoader(dataset, options, collate, manager, round, Math.min(limit, numBatches));
    }

    /** @return the number of batches one iteration yields */
    public int size() {
        long samples = dataset.size();
        int batchSize = batchSize();
        long batches = Boolean.TRUE.equals(options.dropLast()) ? samples / batchSize : (samples + batchSize - 1) / batchSize;
        return (int) Math.min(batches, limit);
    }

    /** @return the batch size */
    public int batchSize() {
        return options.batchSize();
    }

    /** @return the resolved options */
    public LoaderOptions options() {
        return options;
    }

    /** @return the dataset */
    public RandomAccessDataset dataset() {
        return dataset;
    }

    @Override
    public Iterator<Batch> iterator() {
        BatchSampler sampler = new BatchSampler(subSampler(), batchSize(), Boolean.TRUE.equals(options.dropLast()));
        Iterator<Batch> source = collate == null ? datasetBatches(sampler) : new CollatingIterator(dataset,
                sampler.sample(dataset), collate, manager, size());
        return new LimitedIterator(source, size());
    }

    private Sampler.SubSampler subSampler() {
        if (options.sampler() != null) {
            return options.sampler();
        }
        if (Boolean.TRUE.equals(options.shuffle())) {
            return new SeededShuffleSampler(options.seed() + round.getAsInt());
        }
        return new SequenceSampler();
    }

    private Iterator<Batch> datasetBatches(BatchSampler sampler) {
        try {
            return dataset.getData(manager, sampler).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + dataset, e);
        } catch (TranslateException e) {
            throw new IllegalStateException("cannot prepare dataset " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** Stops after a number of batches without drawing the next one. */
    private static final class LimitedIterator implements Iterator<Batch> {
        private final Iterator<Batch> source;
        private final int limit;
        private int yielded;

        LimitedIterator(Iterator<Batch> source, int limit) {
            this.source = source;
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            return yielded < limit && source.hasNext();
        }

        @Override
        public Batch next() {
            yielded++;
            return source.next();
        }
    }
}
