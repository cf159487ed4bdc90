package io.trainstream.consumers.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StepLossSeries}: every step of a short run as it was, a long run's envelope in bounded memory. */
class StepLossSeriesTest {

    @Test
    void aRunOfUpToCapacityStepsKeepsEveryFiniteStepAtItsIndexAsTheOldListDid() {
        StepLossSeries testSubject = new StepLossSeries();
        List<double[]> expected = new ArrayList<>();
        for (int step = 0; step < StepLossSeries.CAPACITY; step++) {
            double loss = step == 7 ? Double.NaN : step == 9 ? Double.POSITIVE_INFINITY : Math.sin(step) + 2;
            testSubject.add(loss);
            if (Double.isFinite(loss)) {
                expected.add(new double[] {step, loss});
            }
        }

        assertThat(testSubject.steps()).isEqualTo(StepLossSeries.CAPACITY);
        assertThat(testSubject.points()).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
        assertThat(testSubject.points()).extracting(p -> p[0]).doesNotContain(7.0, 9.0);
    }

    @Test
    void aRunAThousandTimesLongerKeepsAtMostTwoPointsPerBucketInStepOrderWithItsSpikes() {
        StepLossSeries testSubject = new StepLossSeries();
        long steps = 1000L * StepLossSeries.CAPACITY + 123;
        long spikeAt = 1_234_567;
        long dipAt = 3_000_001;
        for (long step = 0; step < steps; step++) {
            double loss = step == spikeAt ? 50.0 : step == dipAt ? -5.0 : 1.0 + (step % 17) / 100.0;
            testSubject.add(loss);
        }

        List<double[]> points = testSubject.points();
        assertThat(testSubject.steps()).isEqualTo(steps);
        assertThat(points).hasSizeLessThanOrEqualTo(2 * StepLossSeries.CAPACITY).hasSizeGreaterThan(StepLossSeries.CAPACITY);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i)[0]).as("step order").isGreaterThan(points.get(i - 1)[0]);
        }
        assertThat(points).anySatisfy(p -> assertThat(p).containsExactly(spikeAt, 50.0));
        assertThat(points).anySatisfy(p -> assertThat(p).containsExactly(dipAt, -5.0));
        assertThat(points.get(points.size() - 1)[0]).isGreaterThan(steps - steps / StepLossSeries.CAPACITY * 2);
        assertThat(points).allSatisfy(p -> assertThat(p[1]).isBetween(-5.0, 50.0));
    }
}
