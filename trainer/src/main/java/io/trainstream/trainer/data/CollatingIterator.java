package io.trainstream.trainer.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import io.trainstream.trainer.Collate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Builds batches record by record with a user-given {@link Collate} (the reference's collate_fn). */
final class CollatingIterator implements Iterator<Batch> {

    private final RandomAccessDataset dataset;
    private final Iterator<List<Long>> indices;
    private final Collate collate;
    private final NDManager manager;
    private final int total;
    private int progress;

    CollatingIterator(RandomAccessDataset dataset, Iterator<List<Long>> indices, Collate collate, NDManager manager,
            int total) {
        this.dataset = dataset;
        this.indices = indices;
        this.collate = collate;
        this.manager = manager;
        this.total = total;
    }

    @Override
    public boolean hasNext() {
        return indices.hasNext();
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Long> batchIndices = indices.next();
        NDManager batchManager = manager.newSubManager();
        NDList[] data = new NDList[batchIndices.size()];
        NDList[] labels = new NDList[batchIndices.size()];
        try {
            for (int i = 0; i < data.length; i++) {
                Record record = dataset.get(batchManager, batchIndices.get(i));
                data[i] = record.getData();
                labels[i] = record.getLabels();
            }
        } catch (IOException e) {
            batchManager.close();
            throw new UncheckedIOException("cannot read a record of " + dataset, e);
        }
        return new Batch(batchManager, collate.data().batchify(data), collate.labels().batchify(labels), data.length,
                collate.data(), collate.labels(), ++progress, total, batchIndices);
    }
}
