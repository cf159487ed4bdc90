package io.trainstream.trainer.data;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Child process of {@link LargeCsvTrainingTest}: loads a CSV, splits it and trains one epoch of a small
 * MLP, under the heap limit the test gives, then prints the rows, steps and peak heap.
 */
public final class LargeCsvTrainingMain {

    private LargeCsvTrainingMain() {
    }

    /** @param args the CSV file */
    public static void main(String[] args) {
        CsvDataset data = CsvDataset.load(Path.of(args[0]), "label");
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("large")) {
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(data.numClasses()).build()));
            DatasetSplit split = data.split(manager, 0.2, 1, FeatureScaling.STANDARDIZE, 256);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
                trainer.train(split.train(), TrainConfig.builder().numEpochs(1).evalDataset(split.eval()).perDeviceBatchSize(256).build());
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.out.println("rows=" + data.size() + " features=" + data.numFeatures() + " train=" + split.trainSize()
                        + " eval_loss=" + trainer.runHistory().latestMetric("eval_loss_epoch") + " peak_heap_mb=" + peak / (1 << 20));
            }
        }
    }
}
