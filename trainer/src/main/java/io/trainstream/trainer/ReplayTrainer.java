package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.event.EventType;
import io.trainstream.trainer.event.TrainingEvent;
import io.trainstream.trainer.history.HistoryReplay;
import io.trainstream.events.history.InMemoryRunHistory;

import java.util.Map;

/**
 * A trainer that trains nothing: it drives in-process callbacks with the events of a recorded run, so
 * they can be asked what they would have done (what-if) without retraining. Its run history is rebuilt
 * from the events as they are replayed; step events hand callbacks a {@link StepOutput} whose loss is
 * the recorded one callbacks saw live ({@code callback_loss}, scaled by gradient accumulation) and
 * whose model outputs are empty.
 */
public final class ReplayTrainer extends Trainer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplayTrainer.class);

    private final NDManager manager;
    /** The recorded run's gradient accumulation, from its run_start: v1 step records lack callback_loss. */
    private int accumulation = 1;

    /**
     * @param callbacks the callbacks to drive, in order
     */
    public ReplayTrainer(Iterable<? extends TrainerCallback> callbacks) {
        this(newModel(), callbacks);
    }

    private ReplayTrainer(Model model, Iterable<? extends TrainerCallback> callbacks) {
        super(model, Loss.l2Loss(), null, callbacks, new InMemoryRunHistory());
        this.manager = model.getNDManager().newSubManager();
    }

    /**
     * Callbacks' messages during a replay ("Early stopping counter: 1/2") are logged at DEBUG, not printed:
     * nothing is being trained, and the what-if report says what the callbacks would have done.
     */
    @Override
    public void print(Object... parts) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(java.util.Arrays.stream(parts).map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")).strip());
        }
    }

    private static Model newModel() {
        Model model = Model.newInstance("replay");
        model.setBlock(new LambdaBlock(list -> list));
        return model;
    }

    /**
     * Applies one recorded event: history changes go to the history, callback events to the callbacks.
     *
     * @param event the recorded event
     * @throws StopTrainingException when a callback would have stopped the run here
     */
    public void apply(TrainingEvent event) {
        if (event.type() == EventType.RUN_START) {
            accumulation = accumulationOf(event);
        }
        if (!HistoryReplay.apply(runHistory(), event) && event.type().isCallbackEvent()
                && event.type() != EventType.INIT_END) {
            dispatch(event);
        }
    }

    private void dispatch(TrainingEvent event) {
        replayPosition(event.step() == null ? 0 : event.step(), event.globalStep());
        EventArgs args = switch (event.type()) {
            case TRAIN_STEP_END, EVAL_STEP_END -> stepArgs(event);
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> EventArgs.evalEpoch(Boolean.TRUE.equals(event.payload().get("is_intermediate")));
            case STOP_TRAINING_ERROR -> EventArgs.stop(new StopTrainingException(String.valueOf(event.payload().get("reason"))));
            case TRAIN_STEP_START -> EventArgs.stepStart(event.step() == null ? 0 : event.step());
            default -> EventArgs.none();
        };
        callbackHandler().callEvent(event.type(), this, args);
    }

    /**
     * Callbacks get the loss they saw live ({@code callback_loss}: scaled by gradient accumulation);
     * the trainer's own step loss stays the unscaled {@code loss}, as live. A v1 record has no
     * {@code callback_loss}: it is derived from {@code loss} and the run's accumulation steps, in the
     * engine's float32 arithmetic, which is what live callbacks saw for a scalar loss.
     */
    private EventArgs stepArgs(TrainingEvent event) {
        double loss = ((Number) event.payload().getOrDefault("loss", Double.NaN)).doubleValue();
        double callbackLoss;
        if (event.payload().get("callback_loss") instanceof Number seen) {
            callbackLoss = seen.doubleValue();
        } else if (event.type() == EventType.TRAIN_STEP_END && accumulation > 1) {
            callbackLoss = (float) loss / (float) accumulation;
        } else {
            callbackLoss = loss;
        }
        int batchSize = ((Number) event.payload().getOrDefault("batch_size", 0L)).intValue();
        replayLoss(loss);
        StepOutput output = new StepOutput(manager.create((float) callbackLoss), new NDList(), batchSize);
        return EventArgs.stepEnd(null, output, event.step(), loss, callbackLoss);
    }

    private static int accumulationOf(TrainingEvent runStart) {
        if (runStart.payload().get("run_config") instanceof Map<?, ?> config
                && config.get("gradient_accumulation_steps") instanceof Number steps) {
            return Math.max(1, steps.intValue());
        }
        return 1;
    }

    @Override
    public void close() {
        manager.close();
        super.close();
        model().close();
    }
}
