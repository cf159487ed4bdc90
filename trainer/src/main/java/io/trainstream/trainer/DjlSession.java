package io.trainstream.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The DJL training session behind a {@link Trainer}: created on first use, parameters initialised from
 * a sample of the data, rebuilt after weights are loaded.
 */
final class DjlSession implements AutoCloseable {

    private final Model model;
    private final Loss lossFunction;
    private final Optimizer optimizer;
    private ai.djl.training.Trainer session;

    DjlSession(Model model, Loss lossFunction, Optimizer optimizer) {
        this.model = model;
        this.lossFunction = lossFunction;
        this.optimizer = optimizer;
    }

    /** Opens the session if needed and initialises the block from {@code sample}'s first record. */
    void ensure(RandomAccessDataset sample) {
        if (session == null) {
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(lossFunction);
            if (optimizer != null) {
                trainingConfig.optOptimizer(optimizer);
            }
            trainingConfig.optDevices(new Device[] {model.getNDManager().getDevice()});
            session = model.newTrainer(trainingConfig);
        }
        if (!model.getBlock().isInitialized()) {
            if (sample == null) {
                throw new TrainerConfigurationException("the model's parameters are not initialised; train or "
                        + "evaluate once, or initialise the block, before loading weights into it");
            }
            session.initialize(InputShapes.of(sample, model.getNDManager()));
        }
    }

    /**
     * DJL replaces each parameter's array when it loads weights, while an open training session keeps
     * using the arrays it cached; so the session is rebuilt on the new arrays, which get gradients
     * again, and the replaced arrays are released. Optimizer state is keyed by parameter id, which
     * loading keeps.
     */
    Map<String, Object> reloadWeights(Supplier<Map<String, Object>> load) {
        List<NDArray> replaced = new ArrayList<>();
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            if (pair.getValue().isInitialized()) {
                replaced.add(pair.getValue().getArray());
            }
        }
        Map<String, Object> result = load.get();
        if (session != null) {
            session.close();
            session = null;
            ensure(null);
        }
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
        for (NDArray array : replaced) {
            if (!array.isReleased()) {
                array.close();
            }
        }
        return result;
    }

    /** @return the open session */
    ai.djl.training.Trainer get() {
        if (session == null) {
            throw new IllegalStateException("the trainer has not started a run yet");
        }
        return session;
    }

    /** @return the session's device, or the model's before the session exists */
    Device device() {
        return session == null ? model.getNDManager().getDevice() : session.getDevices()[0];
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
