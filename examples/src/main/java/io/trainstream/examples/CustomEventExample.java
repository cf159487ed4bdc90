package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.CustomEvent;
import io.trainstream.trainer.callback.OnEvent;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.data.DatasetSplit;

import java.util.Map;

/**
 * The seed's "creating new callback events" example: a trainer raises {@code verify_train_batch} with
 * each batch, and a callback that declares a handler for that name checks the batch's shape.
 */
public final class CustomEventExample {

    private CustomEventExample() {}

    // readme:start custom-event
    /** Checks each train batch: at most the configured batch size, 4 features, one label per row. */
    public static class VerifyBatchCallback implements TrainerCallback {
        private int verified;

        /**
         * @param trainer the trainer raising the event
         * @param event carries {@code xb} and {@code yb}
         */
        @OnEvent("verify_train_batch")   // custom events reach the handlers declared for their name
        public void verify(Trainer trainer, CustomEvent event) {
            NDArray xb = event.get("xb");
            NDArray yb = event.get("yb");
            long rows = xb.getShape().get(0);
            if (rows > trainer.runConfig().trainPerDeviceBatchSize() || xb.getShape().get(1) != 4
                    || yb.getShape().get(0) != rows) {
                throw new IllegalStateException("unexpected batch: xb " + xb.getShape() + ", yb " + yb.getShape());
            }
            verified++;
        }

        /** @return batches verified so far */
        public int verified() {
            return verified;
        }
    }

    /** A trainer that raises {@code verify_train_batch} before computing each train batch's loss. */
    public static class VerifyingTrainer extends Trainer {
        VerifyingTrainer(Model model, TrainerCallback... callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.of(callbacks));
        }

        @Override
        protected StepOutput calculateTrainBatchLoss(Batch batch) {
            callbackHandler().callEvent("verify_train_batch", this,
                    Map.of("xb", batch.getData().head(), "yb", batch.getLabels().head()));
            return super.calculateTrainBatchLoss(batch);
        }
    }
    // readme:end

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("verified batches: " + runExample(2));
    }

    /**
     * @param epochs epochs to train
     * @return how many batches the callback verified
     */
    public static int runExample(int epochs) {
        VerifyBatchCallback verifier = new VerifyBatchCallback();
        try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("verify", 16, 3);
                Trainer trainer = new VerifyingTrainer(model, verifier)) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(16).build());
        }
        return verifier.verified();
    }
}
