package io.trainstream.trainer.callback.builtin;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * At the start of each training and evaluation run, makes sure every initialised parameter of the
 * trainer's model lives on the trainer's device. DJL losses and evaluators hold no arrays of their
 * own, so the model's parameters are what there is to move (the reference moves the trainer's other
 * {@code nn.Module} attributes).
 */
public class MoveModulesToDeviceCallback implements TrainerCallback {

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        moveParameters(trainer);
    }

    @Override
    public void onEvaluationRunStart(Trainer trainer) {
        moveParameters(trainer);
    }

    private static void moveParameters(Trainer trainer) {
        Device device = trainer.device();
        for (Pair<String, Parameter> pair : trainer.model().getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.isInitialized()) {
                NDArray array = parameter.getArray();
                if (!array.getDevice().equals(device)) {
                    parameter.setArray(array.toDevice(device, true));
                }
            }
        }
    }
}
