package io.trainstream.trainer.callback.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.history.RunHistory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an exponential moving average of the model's weights, updated once per train epoch
 * ({@code ema = decay·ema + (1−decay)·weights}), evaluates it after every eval epoch with its own
 * callbacks (metrics prefixed {@code ema_model_}), and saves it: the best by
 * {@code ema_model_eval_loss_epoch} when evaluating, every epoch otherwise. The EMA weights are never
 * loaded back into the model. Place it after callbacks that write metrics, before loggers.
 *
 * <p>On DJL the EMA is kept as a copy of each parameter; evaluating or saving it swaps those values
 * into the model's parameters and back.
 */
public class ModelEmaCallback extends SaveBestModelCallback {

    private final double decay;
    private final boolean evaluateDuringTraining;
    private final List<TrainerCallback> emaCallbacks;
    private final Map<String, NDArray> ema = new LinkedHashMap<>();
    private NDManager emaManager;

    /** Decay 0.99, evaluating during training, saving to {@code ema_model.zip}, no extra callbacks. */
    public ModelEmaCallback() {
        this(emaBuilder());
    }

    private ModelEmaCallback(EmaBuilder options) {
        this(options.decay, options.evaluateDuringTraining, options.savePath, options.watchMetric,
                options.greaterIsBetter, options.callbacks);
    }

    /**
     * Named {@code emaBuilder} because {@link SaveBestModelCallback#builder()} builds the parent.
     *
     * @return a builder with the reference's defaults
     */
    public static EmaBuilder emaBuilder() {
        return new EmaBuilder();
    }

    /**
     * @param decay weight of the old average
     * @param evaluateDuringTraining evaluate the EMA after each eval epoch
     * @param savePath where the EMA checkpoint is saved
     * @param watchMetric the metric deciding the best EMA
     * @param greaterIsBetter whether larger values are better
     * @param callbacks callbacks run during the EMA's evaluation (e.g. metric callbacks)
     * @deprecated six positional values are easy to mix up; use {@link #emaBuilder()}
     */
    @Deprecated
    public ModelEmaCallback(double decay, boolean evaluateDuringTraining, Path savePath, String watchMetric,
            boolean greaterIsBetter, List<TrainerCallback> callbacks) {
        super(SaveBestModelCallback.builder().savePath(savePath).watchMetric(watchMetric).greaterIsBetter(greaterIsBetter)
                .resetOnTrain(false).saveOptimizer(false).saveScheduler(true).loadSavedCheckpoint(false));
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1], was " + decay);
        }
        this.decay = decay;
        this.evaluateDuringTraining = evaluateDuringTraining;
        this.emaCallbacks = List.copyOf(callbacks);
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        super.onTrainingRunStart(trainer);
        if (emaManager != null) {
            emaManager.close();
        }
        emaManager = trainer.model().getNDManager().newSubManager();
        ema.clear();
        for (Pair<String, Parameter> pair : trainer.model().getBlock().getParameters()) {
            NDArray copy = pair.getValue().getArray().duplicate();
            copy.attach(emaManager);
            ema.put(pair.getKey(), copy);
        }
    }

    @Override
    public void onTrainEpochEnd(Trainer trainer) {
        for (Pair<String, Parameter> pair : trainer.model().getBlock().getParameters()) {
            NDArray average = ema.get(pair.getKey());
            try (NDArray contribution = pair.getValue().getArray().mul(1 - decay)) {
                average.muli(decay).addi(contribution);
            }
        }
    }

    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        if (!evaluateDuringTraining || ema.isEmpty()) {
            return;
        }
        RunHistory history = trainer.runHistory();
        String previousPrefix = history.metricNamePrefix();
        CallbackHandler previousHandler = trainer.swapCallbackHandler(new CallbackHandler(emaCallbacks));
        history.setMetricNamePrefix("ema_model_");
        try (WeightSwap swap = WeightSwap.swapIn(trainer.model().getBlock(), ema)) {
            trainer.print("Running evaluation on EMA model");
            trainer.runEvalEpoch(true, false);
        } finally {
            history.setMetricNamePrefix(previousPrefix);
            trainer.swapCallbackHandler(previousHandler);
        }
    }

    @Override
    public void onTrainingRunEpochEnd(Trainer trainer) {
        if (ema.isEmpty()) {
            return;
        }
        try (WeightSwap swap = WeightSwap.swapIn(trainer.model().getBlock(), ema)) {
            if (evaluateDuringTraining) {
                super.onTrainingRunEpochEnd(trainer);
            } else {
                // no metric decides: every epoch's EMA is saved, labelled with its epoch
                restoreState(null, trainer.runHistory().currentEpoch());
                save(trainer);
            }
        }
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        // the reference never loads the EMA weights back into the model
    }

    /** @return a copy of the current EMA weights by parameter name (for inspection and tests) */
    public Map<String, float[]> emaWeights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        ema.forEach((name, array) -> copy.put(name, array.toFloatArray()));
        return copy;
    }

    /**
     * Options of a {@link ModelEmaCallback}, defaulting to the reference's: decay 0.99, evaluate during
     * training, file {@code ema_model.zip}, watch {@code ema_model_eval_loss_epoch}, lower is better, no
     * callbacks in the EMA's evaluation.
     */
    public static final class EmaBuilder {
        private double decay = 0.99;
        private boolean evaluateDuringTraining = true;
        private Path savePath = Path.of("ema_model.zip");
        private String watchMetric = "ema_model_eval_loss_epoch";
        private boolean greaterIsBetter;
        private List<TrainerCallback> callbacks = List.of();

        private EmaBuilder() {}

        /** @param value weight of the old average, in [0, 1] @return this */
        public EmaBuilder decay(double value) {
            decay = value;
            return this;
        }

        /** @param value evaluate the EMA after each eval epoch @return this */
        public EmaBuilder evaluateDuringTraining(boolean value) {
            evaluateDuringTraining = value;
            return this;
        }

        /** @param value where the EMA checkpoint is saved @return this */
        public EmaBuilder savePath(Path value) {
            savePath = value;
            return this;
        }

        /** @param value the metric deciding the best EMA @return this */
        public EmaBuilder watchMetric(String value) {
            watchMetric = value;
            return this;
        }

        /** @param value whether larger values are better @return this */
        public EmaBuilder greaterIsBetter(boolean value) {
            greaterIsBetter = value;
            return this;
        }

        /** @param value callbacks run during the EMA's evaluation (e.g. metric callbacks) @return this */
        public EmaBuilder callbacks(List<TrainerCallback> value) {
            callbacks = List.copyOf(value);
            return this;
        }

        /** @return the callback */
        public ModelEmaCallback build() {
            return new ModelEmaCallback(this);
        }
    }
}
