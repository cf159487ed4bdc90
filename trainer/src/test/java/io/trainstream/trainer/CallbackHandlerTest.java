package io.trainstream.trainer;

import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.EventArgs;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.EventKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackHandlerTest {

    static class Named implements TrainerCallback {
        final String name;
        final List<String> calls;

        Named(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            calls.add(name);
        }
    }

    static class OtherNamed extends Named {
        OtherNamed(String name, List<String> calls) {
            super(name, calls);
        }
    }

    static class Failing implements TrainerCallback {
        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            throw new StopTrainingException("stop");
        }
    }

    @Test
    void callbacksRunInListOrder() {
        List<String> calls = new ArrayList<>();
        CallbackHandler testSubject = new CallbackHandler(List.of(new Named("a", calls), new OtherNamed("b", calls)));
        testSubject.callEvent(EventKind.TRAIN_EPOCH_END, null, EventArgs.none());
        assertThat(calls).containsExactly("a", "b");
        assertThat(testSubject.callbackNames()).containsExactly("Named", "OtherNamed");
    }

    @Test
    void aSecondCallbackOfExactlyTheSameClassIsRejectedButASubclassIsAccepted() {
        List<String> calls = new ArrayList<>();
        CallbackHandler testSubject = new CallbackHandler(List.of(new Named("a", calls)));
        testSubject.addCallback(new OtherNamed("b", calls));
        assertThatThrownBy(() -> testSubject.addCallback(new Named("c", calls)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Named");
        assertThat(testSubject.callbacks()).hasSize(2);
    }

    @Test
    void anExceptionAbortsDispatchSoLaterCallbacksMissTheEvent() {
        List<String> calls = new ArrayList<>();
        CallbackHandler testSubject = new CallbackHandler(List.of(new Failing(), new Named("later", calls)));
        assertThatThrownBy(() -> testSubject.callEvent(EventKind.TRAIN_EPOCH_END, null, EventArgs.none()))
                .isInstanceOf(StopTrainingException.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void nonCallbackEventTypesCannotBeDispatched() {
        CallbackHandler testSubject = new CallbackHandler(List.of());
        assertThatThrownBy(() -> testSubject.callEvent(EventKind.METRIC_UPDATE, null, EventArgs.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
