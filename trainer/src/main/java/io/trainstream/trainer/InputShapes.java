package io.trainstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Infers the input shapes a block is initialised with from the first sample of a dataset. */
final class InputShapes {

    private InputShapes() {}

    static Shape[] of(RandomAccessDataset dataset, NDManager manager) {
        if (dataset.size() == 0) {
            throw new TrainerConfigurationException("cannot initialise the model from an empty dataset");
        }
        try (NDManager scratch = manager.newSubManager()) {
            Record first = dataset.get(scratch, 0);
            NDList data = first.getData();
            Shape[] shapes = new Shape[data.size()];
            for (int i = 0; i < shapes.length; i++) {
                NDArray array = data.get(i);
                // one sample, with the batch dimension added
                shapes[i] = new Shape(1).addAll(array.getShape());
            }
            return shapes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the first sample of " + dataset, e);
        }
    }
}
