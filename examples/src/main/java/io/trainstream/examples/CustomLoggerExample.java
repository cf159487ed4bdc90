package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.data.DatasetSplit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Trains on iris with {@link JsonLinesLoggerCallback} in place of the default metric logger. */
public final class CustomLoggerExample {

    private CustomLoggerExample() {}

    /** @param args the JSON-lines file to write (default {@code metrics.jsonl}) */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "metrics.jsonl");
        runExample(file, 3).forEach(System.out::println);
    }

    /**
     * @param file the JSON-lines file to write (replaced)
     * @param epochs epochs to train
     * @return the lines the logger wrote
     */
    public static List<String> runExample(Path file, int epochs) {
        try {
            Files.deleteIfExists(file);
            try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("logged", 16, 3);
                    Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                            Callbacks.of(new JsonLinesLoggerCallback(file)))) {
                DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
                trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).evalDataset(data.eval())
                        .perDeviceBatchSize(16).build());
            }
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
