package io.trainstream.trainer.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reference's WSD scheduler tests (test_wsd_scheduler.py), restated. */
class WsdLrSchedulerTest {

    private static final float LR_1 = 0.01f;
    private static final float LR_2 = 0.002f;

    /** Steps total+1 times, recording the first rate after each step (the reference's helper). */
    private static List<Float> collect(WsdLrScheduler scheduler, LearningRate rate, int steps) {
        List<Float> values = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            scheduler.step();
            values.add(rate.value());
        }
        return values;
    }

    private static WsdLrScheduler.Builder wsd(LearningRate... rates) {
        return WsdLrScheduler.builder(rates).numWarmupSteps(0);
    }

    @Test
    void aSingleCheckpointHasOnePeriodDecayingOverItsLastTenth() {
        WsdLrScheduler testSubject = wsd(LearningRate.of(LR_1)).decayPhaseRatio(0.1).build(100);
        assertThat(testSubject.decayInfo()).containsExactly(new WsdPeriod(0, 100, 10, 90));
    }

    @Test
    void multipleCheckpointPeriodsAdjoinAndTheirDecaysDoNotOverlap() {
        WsdLrScheduler testSubject = wsd(LearningRate.of(LR_1)).numCheckpoints(3).decayPhaseRatio(0.1).build(100);
        List<Integer> checkpoints = testSubject.checkpointSteps();
        assertThat(checkpoints).containsExactly(25, 50, 100);
        for (int i = 0; i < checkpoints.size(); i++) {
            WsdPeriod period = testSubject.decayInfo().get(i);
            int start = i == 0 ? 0 : checkpoints.get(i - 1);
            int decay = (int) ((checkpoints.get(i) - start) * 0.1);
            assertThat(period).isEqualTo(new WsdPeriod(start, checkpoints.get(i), decay, checkpoints.get(i) - decay));
            if (i > 0) {
                assertThat(testSubject.decayInfo().get(i - 1).periodEnd()).isEqualTo(period.periodStart())
                        .isLessThan(period.preDecayStep());
            }
        }
        assertThat(testSubject.phaseInfo(26)).isEqualTo(testSubject.decayInfo().get(1));
        assertThat(testSubject.phaseInfo(5000)).isEqualTo(testSubject.decayInfo().get(2));
    }

    @Test
    void theRateHoldsTheBaseInTheMiddleOfEveryStablePhase() {
        LearningRate first = LearningRate.of(LR_1);
        LearningRate second = LearningRate.of(LR_2);
        WsdLrScheduler testSubject = wsd(first, second).numCheckpoints(2).build(1000);
        List<Float> values = new ArrayList<>();
        List<Float> values2 = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            testSubject.step();
            values.add(first.value());
            values2.add(second.value());
        }
        List<Integer> checkpoints = testSubject.checkpointSteps();
        for (int i = 0; i < checkpoints.size() - 1; i++) {
            int start = i == 0 ? 0 : checkpoints.get(i - 1);
            int middle = start + (checkpoints.get(i) - start) / 2;
            assertThat(values.get(middle)).isEqualTo(LR_1);
            assertThat(values2.get(middle)).isEqualTo(LR_2);
        }
    }

    @Test
    void warmUpDefaultsToOnePercentAndClimbsFromItsStart() {
        LearningRate rate = LearningRate.of(LR_1);
        WsdLrScheduler testSubject = WsdLrScheduler.builder(rate).numCheckpoints(2).warmupStartingLr(1e-6).build(1000);
        List<Float> values = collect(testSubject, rate, 1000);
        assertThat(testSubject.numWarmupSteps()).isEqualTo(10);
        assertThat(values.get(0)).isEqualTo(1e-6f);
        assertThat(values.get(10)).isEqualTo(LR_1);
    }

    @Test
    void theDecayFollowsTheSqrtFormulaAndFallsMonotonically() {
        LearningRate rate = LearningRate.of(LR_1);
        double lrMin = 1e-6;
        WsdLrScheduler testSubject = wsd(rate).numCheckpoints(3).decayPhaseRatio(0.1).lrMin(lrMin).build(1000);
        List<Float> values = collect(testSubject, rate, 1000);
        List<Integer> checkpoints = testSubject.checkpointSteps();
        for (int i = 0; i < checkpoints.size(); i++) {
            int start = i == 0 ? 0 : checkpoints.get(i - 1);
            int decaySteps = (int) ((checkpoints.get(i) - start) * 0.1);
            int decayStart = checkpoints.get(i) - decaySteps;
            assertThat(values.get(decayStart - 1)).isCloseTo(LR_1, within(LR_1 * 1e-5f));
            for (int step : new int[] {decayStart, decayStart + decaySteps / 2, Math.min(checkpoints.get(i) - 1, 999)}) {
                double t = Math.min((step - decayStart) / (double) decaySteps, 1.0);
                double scale = lrMin + (1 - lrMin) * (1 - Math.sqrt(t));
                assertThat((double) values.get(step)).isCloseTo(LR_1 * scale, within(LR_1 * scale * 1e-5));
            }
            for (int step = decayStart; step < Math.min(checkpoints.get(i), 1000) - 1; step++) {
                assertThat(values.get(step)).isGreaterThanOrEqualTo(values.get(step + 1));
            }
        }
    }

    @Test
    void aRestoredStateContinuesWithTheSameNextRate() {
        LearningRate rate = LearningRate.of(LR_1);
        WsdLrScheduler testSubject = WsdLrScheduler.builder(rate).numCheckpoints(2).build(1000);
        for (int i = 0; i < 5; i++) {
            testSubject.step();
        }
        var saved = testSubject.state();
        testSubject.step();
        float expected = rate.value();
        LearningRate other = LearningRate.of(LR_1);
        WsdLrScheduler restored = WsdLrScheduler.builder(other).numCheckpoints(2).build(1000);
        restored.loadState(saved);
        restored.step();
        // the default 1 % warm-up is still running here, so this fails if the counter is not restored
        assertThat(other.value()).isEqualTo(expected).isLessThan(LR_1);
    }

    @ParameterizedTest
    @CsvSource({"1.0,0.1", "0.01,0.1", "0.001,0.1", "0.1,0.01", "0.01,0.01"})
    void bothDecayFormulasRespectTheFloorAndFallMonotonically(float lrMax, double lrMinRatio) {
        for (boolean sqrt : new boolean[] {true, false}) {
            LearningRate rate = LearningRate.of(lrMax);
            WsdLrScheduler testSubject = wsd(rate).numCheckpoints(2).decayPhaseRatio(0.1).lrMin(lrMinRatio)
                    .useInverseSqrtDecay(sqrt).build(1000);
            List<Float> values = collect(testSubject, rate, 1000);
            float floor = (float) (lrMax * lrMinRatio);
            assertThat(values).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(floor * (1 - 1e-6f)));
            int checkpoint = testSubject.checkpointSteps().get(0);
            for (int step = checkpoint - (int) (checkpoint * 0.1); step < checkpoint - 1; step++) {
                assertThat(values.get(step)).isGreaterThanOrEqualTo(values.get(step + 1));
            }
        }
    }

    @Test
    void invalidConfigurationsAreRejectedWithTheValueNamed() {
        LearningRate rate = LearningRate.of(LR_1);
        assertThatThrownBy(() -> wsd(rate).decayPhaseRatio(1.5).build(1000)).hasMessageContaining("decayPhaseRatio");
        assertThatThrownBy(() -> wsd(rate).build(0)).hasMessageContaining("total steps");
        assertThatThrownBy(() -> wsd(rate).lrMin(-0.1).build(1000)).hasMessageContaining("lrMin");
        assertThatThrownBy(() -> wsd(rate).numCheckpoints(3).decayPhaseRatio(0.4).build(1000))
                .hasMessageContaining("overlapping");
        assertThatThrownBy(() -> wsd(rate).warmupStartingLr(0.1).build(1000)).hasMessageContaining("warmupStartingLr");
    }

    @Test
    void checkpointsFollowAGeometricProgression() {
        assertThat(WsdLrScheduler.estimateCheckpointSteps(1000, 3)).containsExactly(250, 500, 1000);
        assertThat(WsdLrScheduler.estimateCheckpointSteps(1000, 2)).containsExactly(250, 500);
        assertThat(WsdLrScheduler.estimateCheckpointSteps(200, 4)).containsExactly(50, 100, 200);
        assertThat(WsdLrScheduler.estimateCheckpointSteps(1000, 1)).containsExactly(1000);
    }

    @Test
    void withoutWarmUpTheFirstStepIsAtTheBaseAndAFullWarmUpStaysBelowIt() {
        LearningRate rate = LearningRate.of(LR_1);
        wsd(rate).build(1000).step();
        assertThat(rate.value()).isEqualTo(LR_1);
        WsdLrScheduler full = WsdLrScheduler.builder(rate).numWarmupSteps(1000).warmupStartingLr(1e-8).build(1000);
        List<Float> values = collect(full, rate, 1000);
        assertThat(values.get(0)).isEqualTo(1e-8f);
        assertThat(values).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(LR_1));
        assertThat(values.get(250)).isGreaterThan(values.get(0)).isLessThan(LR_1);
    }

    @Test
    void aContinuationKeepsItsLengthRestoresTheRatioAndStartsStable() {
        LearningRate rate = LearningRate.of(LR_1);
        WsdLrScheduler initial = wsd(rate).decayPhaseRatio(0.1).build(1000);
        collect(initial, rate, 1000 - 100 - 1);
        LearningRate next = LearningRate.of(LR_1);
        WsdLrScheduler testSubject = wsd(next).decayPhaseRatio(0.2).continuationFromCheckpoint(true).build(500);
        testSubject.loadState(initial.state());
        assertThat(testSubject.previousCheckpointStep()).isNull();
        assertThat(testSubject.totalSteps()).isEqualTo(500);
        assertThat(testSubject.decayPhaseRatio()).isEqualTo(0.1);
        assertThat(testSubject.checkpointSteps()).hasSize(1);
        List<Float> values = collect(testSubject, next, 500);
        assertThat(values.subList(0, 450)).allSatisfy(v -> assertThat(v).isEqualTo(LR_1));
        assertThat(values.get(451)).isLessThan(LR_1);
        assertThat(values.get(500)).isLessThanOrEqualTo((float) (LR_1 * 1e-6 * 1.1));
    }

    @Test
    void phaseTransitionsHitTheBaseAtEachDecayStartThenFall() {
        LearningRate rate = LearningRate.of(LR_1);
        WsdLrScheduler testSubject = WsdLrScheduler.builder(rate).numWarmupSteps(100).numCheckpoints(2)
                .decayPhaseRatio(0.1).lrMin(1e-6).build(1000);
        List<Float> values = collect(testSubject, rate, 1000);
        assertThat(values.get(99)).isCloseTo(LR_1, within(1e-4f));
        assertThat(values.get(100)).isEqualTo(LR_1);
        for (WsdPeriod period : testSubject.decayInfo()) {
            assertThat(values.get(period.preDecayStep() - 1)).isCloseTo(LR_1, within(1e-4f));
            assertThat(values.get(period.preDecayStep())).isCloseTo(LR_1, within(1e-4f));
            assertThat(values.get(period.preDecayStep() + 1)).isLessThan(LR_1);
        }
        float last = values.get(values.size() - 1);
        assertThat(Math.abs(last - LR_1 * 1e-6f) / (LR_1 * 1e-6f)).isLessThan(0.1f);
    }
}
