package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.CustomEvent;
import io.trainstream.trainer.callback.OnEvent;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's VerifyBatchCallback / TrainerWithCustomCallbackEvent example, in Java. */
class CustomEventTest {

    /** The seed's callback: checks the shapes of each train batch against the run config. */
    static final class VerifyBatchCallback implements TrainerCallback {
        int verified;
        final List<Long> batchSizes = new ArrayList<>();

        @OnEvent("verify_train_batch")
        void verify(Trainer trainer, CustomEvent event) {
            NDArray xb = event.get("xb");
            NDArray yb = event.get("yb");
            batchSizes.add(xb.getShape().get(0));
            assertThat(xb.getShape().get(0)).isLessThanOrEqualTo(trainer.runConfig().trainPerDeviceBatchSize());
            assertThat(xb.getShape().get(1)).isEqualTo(6);
            assertThat(yb.getShape().get(0)).isEqualTo(xb.getShape().get(0));
            verified++;
        }
    }

    /** A callback with no handler for the custom event: it must be skipped, silently. */
    static final class BystanderCallback implements TrainerCallback {
        int stepEnds;

        @Override
        public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            stepEnds++;
        }
    }

    /** The seed's TrainerWithCustomCallbackEvent. */
    static final class TrainerWithCustomCallbackEvent extends Trainer {
        TrainerWithCustomCallbackEvent(Model model, Iterable<? extends TrainerCallback> callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), callbacks);
        }

        @Override
        protected StepOutput calculateTrainBatchLoss(Batch batch) {
            callbackHandler().callEvent("verify_train_batch", this,
                    Map.of("xb", batch.getData().head(), "yb", batch.getLabels().head()));
            return super.calculateTrainBatchLoss(batch);
        }
    }

    @Test
    void aCustomEventReachesOnlyCallbacksThatDeclareAHandlerForIt() {
        VerifyBatchCallback verifier = new VerifyBatchCallback();
        BystanderCallback bystander = new BystanderCallback();
        try (Model model = TestData.mlp("custom", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new TrainerWithCustomCallbackEvent(model, Callbacks.of(bystander, verifier))) {
            trainer.train(TestData.blobs(manager, 18, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4)
                    .build());

            assertThat(verifier.verified).isEqualTo(10);
            assertThat(verifier.batchSizes).containsExactly(4L, 4L, 4L, 4L, 2L, 4L, 4L, 4L, 4L, 2L);
            assertThat(bystander.stepEnds).isEqualTo(10);
        }
    }

    @Test
    void aFailingAssertionInAHandlerPropagatesOutOfTheCall() {
        TrainerCallback strict = new TrainerCallback() {
            @OnEvent("check")
            void check(CustomEvent event) {
                throw new IllegalStateException("bad batch: " + event.get("id"));
            }
        };
        CallbackHandler handler = new CallbackHandler(List.of(strict));
        assertThatThrownBy(() -> handler.callEvent("check", null, Map.of("id", 7)))
                .isInstanceOf(IllegalStateException.class).hasMessage("bad batch: 7");
        // an event nobody handles is a no-op
        handler.callEvent("nobody_listens", null, Map.of());
    }

    @Test
    void handlersMayTakeNoArgumentsOrJustTheTrainerAndInheritedHandlersAreFound() {
        List<String> calls = new ArrayList<>();
        class Base implements TrainerCallback {
            @OnEvent("ping")
            void noArgs() {
                calls.add("base");
            }
        }
        class Derived extends Base {
            @OnEvent("ping")
            void withTrainer(Trainer trainer) {
                calls.add("derived:" + (trainer == null));
            }
        }
        new CallbackHandler(List.of(new Derived())).callEvent("ping", null, Map.of());
        assertThat(calls).containsExactlyInAnyOrder("base", "derived:true");
    }

    @Test
    void aCustomEventMayNotTakeABuiltInEventsNameEvenWithoutALog() {
        CallbackHandler handler = new CallbackHandler(List.of());
        assertThatThrownBy(() -> handler.callEvent("train_step_end", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("custom event name 'train_step_end' is a built-in event's name");
    }

    @Test
    void aHandlerWithAnUnsupportedParameterIsRejectedWithItsName() {
        TrainerCallback wrong = new TrainerCallback() {
            @OnEvent("x")
            void handle(String notAllowed) {
            }
        };
        CallbackHandler handler = new CallbackHandler(List.of(wrong));
        assertThatThrownBy(() -> handler.callEvent("x", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may only take Trainer and CustomEvent");
    }
}
