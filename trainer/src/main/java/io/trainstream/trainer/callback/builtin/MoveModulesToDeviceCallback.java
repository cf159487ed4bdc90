package io.trainstream.trainer.callback.builtin;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.TrainerConfigurationException;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * At the start of each training and evaluation run, checks that every initialised parameter of the
 * trainer's model lives on the trainer's device, and fails with an error naming the first one that
 * does not. The reference moves the trainer's other {@code nn.Module} attributes; DJL losses and
 * evaluators hold no arrays, and DJL cannot move an initialised parameter in place (its array cannot
 * be replaced once set), so on DJL the useful job is to catch a model built on another device early,
 * with a clear message, instead of a failure deep inside the engine.
 */
public class MoveModulesToDeviceCallback implements TrainerCallback {

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        checkParameters(trainer);
    }

    @Override
    public void onEvaluationRunStart(Trainer trainer) {
        checkParameters(trainer);
    }

    private static void checkParameters(Trainer trainer) {
        Device device = trainer.device();
        for (Pair<String, Parameter> pair : trainer.model().getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.isInitialized() && !parameter.getArray().getDevice().equals(device)) {
                throw new TrainerConfigurationException("parameter '" + pair.getKey() + "' is on "
                        + parameter.getArray().getDevice() + " but the trainer runs on " + device
                        + "; create the model's NDManager on " + device);
            }
        }
    }
}
