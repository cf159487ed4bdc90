package io.trainstream.examples;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.MoveModulesToDeviceCallback;
import io.trainstream.trainer.data.DatasetSplit;

/**
 * Moving what the trainer holds besides the model to the trainer's device, as the seed's
 * {@code MoveModulesToDeviceCallback} and the metric callback's {@code _move_to_device} do: the
 * built-in callback checks the model's parameters; a callback of our own moves the trainer's class
 * weights at the start of each training and evaluation run.
 */
public final class MoveToDeviceExample {

    private MoveToDeviceExample() {}

    /**
     * @param weightsDevice where the class weights were when training ended
     * @param trainerDevice the trainer's device
     * @param trainLoss the last epoch's train loss
     */
    public record Result(Device weightsDevice, Device trainerDevice, double trainLoss) {}

    // readme:start move-to-device
    /** Moves the trainer's class weights to its device when a run starts. */
    public static class MoveClassWeightsCallback implements TrainerCallback {
        @Override
        public void onTrainingRunStart(Trainer trainer) {
            move((ClassWeightedTrainer) trainer);
        }

        @Override
        public void onEvaluationRunStart(Trainer trainer) {
            move((ClassWeightedTrainer) trainer);
        }

        private static void move(ClassWeightedTrainer trainer) {
            if (!trainer.classWeights().getDevice().equals(trainer.device())) {
                trainer.setClassWeights(trainer.classWeights().toDevice(trainer.device(), true));
            }
        }
    }
    // readme:end

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println(runExample(2));
    }

    /**
     * @param epochs epochs to train
     * @return where the weights ended up and the last train loss
     */
    public static Result runExample(int epochs) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); Model model = ExampleData.mlp("weighted", 16, 3)) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            // created on the CPU whatever device the model trains on
            try (ClassWeightedTrainer trainer = new ClassWeightedTrainer(model,
                    manager.create(new float[] {1.0f, 2.0f, 2.0f}),
                    Callbacks.of(new MoveModulesToDeviceCallback(), new MoveClassWeightsCallback()))) {
                trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(16).build());
                return new Result(trainer.classWeights().getDevice(), trainer.device(),
                        trainer.runHistory().latestMetric("train_loss_epoch"));
            }
        }
    }
}
