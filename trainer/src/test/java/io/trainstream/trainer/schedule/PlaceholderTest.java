package io.trainstream.trainer.schedule;

import io.trainstream.trainer.LoaderOptions;
import io.trainstream.trainer.RunConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderTest {

    // 23 batches, accumulation 2 -> 12 updates per epoch; 3 epochs
    private final RunConfig runConfig = RunConfig.forTraining(3, null, 23, LoaderOptions.defaults().resolve(8, true),
            LoaderOptions.defaults().resolve(8, false), 2, null);
    private final ScheduleContext context = new ScheduleContext(runConfig, 23, 5, null);

    @Test
    void everyPlaceholderResolvesToItsRunValue() {
        assertThat(context.resolve(Placeholder.NUM_EPOCHS)).isEqualTo(3);
        assertThat(context.resolve(Placeholder.NUM_UPDATE_STEPS_PER_EPOCH)).isEqualTo(12);
        assertThat(context.resolve(Placeholder.PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH)).isEqualTo(12);
        assertThat(context.resolve(Placeholder.TRAIN_DATALOADER_LEN)).isEqualTo(23);
        assertThat(context.resolve(Placeholder.EVAL_DATALOADER_LEN)).isEqualTo(5);
    }

    @Test
    void timesAndPlusChainWithConstantsOnTheRight() {
        assertThat(context.resolve(Placeholder.NUM_UPDATE_STEPS_PER_EPOCH.times(7))).isEqualTo(84);
        assertThat(context.resolve(Placeholder.NUM_EPOCHS.plus(1).times(2))).isEqualTo(8);
        assertThat(context.resolve(IntValue.of(5))).isEqualTo(5);
    }

    @Test
    void subtractionIsRejectedLikeTheReference() {
        assertThatThrownBy(() -> Placeholder.NUM_EPOCHS.minus(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aStepSchedulerFactoryResolvesItsPlaceholderOnlyWhenCreated() {
        LearningRate lr = LearningRate.of(1.0f);
        SchedulerFactory factory = StepLrScheduler.factory(lr, Placeholder.NUM_UPDATE_STEPS_PER_EPOCH.times(2), 0.1);
        StepLrScheduler scheduler = (StepLrScheduler) factory.create(context);
        assertThat(scheduler.stepSize()).isEqualTo(24);
        for (int i = 0; i < 23; i++) {
            scheduler.step();
        }
        assertThat(lr.value()).isEqualTo(1.0f);
        scheduler.step();
        assertThat(lr.value()).isEqualTo(0.1f);
        StepLrScheduler copy = new StepLrScheduler(lr, 24, 0.1);
        copy.loadState(scheduler.state());
        assertThat(copy.currentValue()).isEqualTo(0.1f);
    }

    @Test
    void theCosineFactoryTakesItsTotalFromThePlaceholdersWhenCreated() {
        LearningRate lr = LearningRate.of(1.0f);
        // NUM_EPOCHS (3) × NUM_UPDATE_STEPS_PER_EPOCH (12) updates, one warm-up epoch
        CosineLrScheduler scheduler = CosineLrScheduler.builder(lr).numWarmupEpochs(1).warmupStartingLr(0.0)
                .lrMin(0.0).factory().create(context) instanceof CosineLrScheduler c ? c : null;
        assertThat(scheduler.settings().totalUpdates()).isEqualTo(36);
        assertThat(scheduler.settings().warmupUpdates()).isEqualTo(12);
        assertThat(lr.value()).isEqualTo(0.0f);
        // the reference's counter starts at -1: the 13th step applies update index 12, the cosine start
        for (int i = 0; i < 13; i++) {
            scheduler.step();
        }
        assertThat(lr.value()).isEqualTo(1.0f);
        assertThat(scheduler.currentStep()).isEqualTo(12);
        assertThat(scheduler.stepsTaken()).isEqualTo(13);
    }
}
