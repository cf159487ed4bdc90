package io.trainstream.trainer.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Draws every index of a dataset once, in an order fixed by a seed. DJL's own {@code RandomSampler}
 * reads a global random source; a per-epoch seed makes runs repeatable and lets a resumed run see the
 * same order an uninterrupted one would.
 */
public final class SeededShuffleSampler implements Sampler.SubSampler {

    private final long seed;

    /** @param seed fixes the order */
    public SeededShuffleSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Iterator<Long> sample(RandomAccessDataset dataset) {
        int size = Math.toIntExact(dataset.size());
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return order[next++];
            }
        };
    }
}
