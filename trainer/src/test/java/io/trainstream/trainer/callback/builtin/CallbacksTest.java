package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.callback.TrainerCallback;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbacksTest {

    @TempDir
    Path dir;

    private static List<Class<?>> classes(Iterable<TrainerCallback> callbacks) {
        List<Class<?>> classes = new ArrayList<>();
        callbacks.forEach(c -> classes.add(c.getClass()));
        return classes;
    }

    @Nested
    class Defaults {

        @Test
        void areTheReferenceFiveInTheReferenceOrder() {
            assertThat(classes(Callbacks.defaults())).containsExactly(MoveModulesToDeviceCallback.class,
                    TerminateOnNaNCallback.class, PrintProgressCallback.class, ProgressBarCallback.class,
                    LogMetricsCallback.class);
        }

        @Test
        void withoutTheProgressBarOmitOnlyTheProgressBar() {
            assertThat(classes(Callbacks.defaults(false))).containsExactly(MoveModulesToDeviceCallback.class,
                    TerminateOnNaNCallback.class, PrintProgressCallback.class, LogMetricsCallback.class);
            assertThat(classes(Callbacks.defaults(true))).isEqualTo(classes(Callbacks.defaults()));
        }

        @Test
        void areFreshInstancesOnEveryCall() {
            List<TrainerCallback> first = Callbacks.defaults().toList();
            List<TrainerCallback> second = Callbacks.defaults().toList();

            for (int i = 0; i < first.size(); i++) {
                assertThat(first.get(i)).isNotSameAs(second.get(i));
            }
        }

        @Test
        void areWhatATrainerBuiltWithoutCallbacksUses() {
            try (Model model = mlp("defaults");
                    Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), TrainingFixtures.adam())) {
                assertThat(trainer.callbackHandler().callbackNames()).containsExactly("MoveModulesToDeviceCallback",
                        "TerminateOnNaNCallback", "PrintProgressCallback", "ProgressBarCallback", "LogMetricsCallback");
            }
        }
    }

    @Nested
    class Lists {

        @Test
        void ofKeepsTheGivenOrderAndPlusAppendsWithoutChangingTheOriginal() {
            EarlyStoppingCallback early = new EarlyStoppingCallback();
            PrintProgressCallback print = new PrintProgressCallback();
            Callbacks original = Callbacks.of(early);

            Callbacks extended = original.plus(print);

            assertThat(original.toList()).containsExactly(early);
            assertThat(extended.toList()).containsExactly(early, print);
            assertThat(Callbacks.none().toList()).isEmpty();
        }

        @Test
        void areReadOnly() {
            assertThatThrownBy(() -> Callbacks.defaults().toList().add(new PrintProgressCallback()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class InACallbackHandler {

        @Test
        void aSecondCallbackOfExactlyTheSameClassIsRejectedNamingTheExistingOnes() {
            List<TrainerCallback> twice = List.of(new PrintProgressCallback(), new SaveBestModelCallback(),
                    new SaveBestModelCallback());

            assertThatThrownBy(() -> new CallbackHandler(twice))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SaveBestModelCallback")
                    .hasMessageContaining("PrintProgressCallback");
        }

        @Test
        void aSubclassMaySitNextToItsSuperclass() {
            CallbackHandler testSubject = new CallbackHandler(List.of(
                    new SaveBestModelCallback(dir.resolve("best.zip"), "eval_loss_epoch", false),
                    new ModelEmaCallback()));

            assertThat(testSubject.callbackNames()).containsExactly("SaveBestModelCallback", "ModelEmaCallback");
        }

        @Test
        void theTrainerRejectsDefaultsWithASecondCopyOfADefaultCallback() {
            try (Model model = mlp("duplicate")) {
                assertThatThrownBy(() -> trainer(model, Callbacks.defaults().plus(new LogMetricsCallback())
                        .toList().toArray(TrainerCallback[]::new)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("LogMetricsCallback");
            }
        }
    }
}
