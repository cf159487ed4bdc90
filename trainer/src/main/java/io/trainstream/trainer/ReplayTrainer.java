package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.StepValues;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.InMemoryRunHistory;

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
    public void apply(RunEvent event) {
        if (event.body() instanceof RunStart start) {
            accumulation = Math.max(1, start.runConfig().getGradientAccumulationSteps());
        }
        if (!HistoryRebuild.apply(runHistory(), event) && event.kind().isCallbackEvent()
                && event.kind() != EventKind.INIT_END) {
            dispatch(event);
        }
    }

    private void dispatch(RunEvent event) {
        replayPosition(event.step() == null ? 0 : event.step(), event.globalStep());
        EventBody body = event.body();
        EventArgs args;
        if (body instanceof EventBody.TrainStepEnd step) {
            args = stepArgs(event, step.values(), accumulation);
        } else if (body instanceof EventBody.EvalStepEnd step) {
            args = stepArgs(event, step.values(), 1);
        } else if (body instanceof EventBody.EvalEpochStart start) {
            args = EventArgs.evalEpoch(start.isIntermediate());
        } else if (body instanceof EventBody.EvalEpochEnd end) {
            args = EventArgs.evalEpoch(end.isIntermediate());
        } else if (body instanceof EventBody.StopTrainingError stop) {
            args = EventArgs.stop(new StopTrainingException(stop.reason()));
        } else if (body instanceof EventBody.TrainStepStart) {
            args = EventArgs.stepStart(event.step() == null ? 0 : event.step());
        } else {
            args = EventArgs.none();
        }
        callbackHandler().callEvent(event.kind(), this, args);
    }

    /**
     * Callbacks get the loss they saw live ({@code callbackLoss}: scaled by gradient accumulation);
     * the trainer's own step loss stays the unscaled {@code loss}, as live. A v1 record has no
     * callback loss: it is derived from {@code loss} and the run's accumulation steps (train steps
     * only), in the engine's float32 arithmetic, which is what live callbacks saw for a scalar loss.
     */
    private EventArgs stepArgs(RunEvent event, StepValues values, int stepAccumulation) {
        double loss = values.loss();
        double callbackLoss;
        if (values.callbackLoss() != null) {
            callbackLoss = values.callbackLoss();
        } else if (stepAccumulation > 1) {
            callbackLoss = (float) loss / (float) stepAccumulation;
        } else {
            callbackLoss = loss;
        }
        replayLoss(loss);
        StepOutput output = new StepOutput(manager.create((float) callbackLoss), new NDList(), values.batchSize());
        return EventArgs.stepEnd(null, output, event.step(), loss, callbackLoss);
    }

    @Override
    public void close() {
        manager.close();
        super.close();
        model().close();
    }
}
