package io.trainstream.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import io.trainstream.trainer.Collate;
import io.trainstream.trainer.LoaderOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DataLoaderTest {

    @Test
    void shufflingIsSeededPerRoundSoEpochsDifferButRunsRepeat() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = indexed(manager, 20);
            AtomicInteger round = new AtomicInteger(1);
            DataLoader loader = new DataLoader(dataset, LoaderOptions.defaults().resolve(5, true), null, manager, round::get);
            List<Float> first = order(loader);
            List<Float> again = order(loader);
            round.set(2);
            List<Float> second = order(loader);
            assertThat(first).containsExactlyInAnyOrderElementsOf(second).isEqualTo(again).isNotEqualTo(second);
            assertThat(first).isNotEqualTo(sequence(20));
        }
    }

    @Test
    void sizeCountsThePartialBatchUnlessDroppedAndLimitsCut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = indexed(manager, 10);
            DataLoader loader = new DataLoader(dataset, LoaderOptions.defaults().resolve(4, false), null, manager, () -> 0);
            assertThat(loader.size()).isEqualTo(3);
            assertThat(order(loader)).isEqualTo(sequence(10));
            assertThat(new DataLoader(dataset, LoaderOptions.defaults().withDropLast(true).resolve(4, false), null, manager,
                    () -> 0).size()).isEqualTo(2);
            DataLoader limited = loader.limitedTo(2);
            assertThat(limited.size()).isEqualTo(2);
            assertThat(order(limited)).isEqualTo(sequence(8));
        }
    }

    @Test
    void aCustomCollateBuildsTheBatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = indexed(manager, 6);
            AtomicInteger collated = new AtomicInteger();
            Batchifier counting = new Batchifier() {
                @Override
                public NDList batchify(NDList[] inputs) {
                    collated.incrementAndGet();
                    return Batchifier.STACK.batchify(inputs);
                }

                @Override
                public NDList[] unbatchify(NDList inputs) {
                    return Batchifier.STACK.unbatchify(inputs);
                }

                @Override
                public NDList[] split(NDList list, int numOfSlices, boolean evenSplit) {
                    return Batchifier.STACK.split(list, numOfSlices, evenSplit);
                }
            };
            DataLoader loader = new DataLoader(dataset, LoaderOptions.defaults().resolve(4, false), Collate.of(counting),
                    manager, () -> 0);
            assertThat(order(loader)).isEqualTo(sequence(6));
            assertThat(collated.get()).isEqualTo(4);
        }
    }

    private static List<Float> order(DataLoader loader) {
        List<Float> seen = new ArrayList<>();
        for (Batch batch : loader) {
            try (batch) {
                for (float value : batch.getLabels().head().toFloatArray()) {
                    seen.add(value);
                }
            }
        }
        return seen;
    }

    private static List<Float> sequence(int n) {
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((float) i);
        }
        return values;
    }

    private static ArrayDataset indexed(NDManager manager, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        NDArray x = manager.create(values, new Shape(n, 1));
        NDArray y = manager.create(values, new Shape(n));
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(4, false).build();
    }
}
