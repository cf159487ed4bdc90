package io.trainstream.trainer.kafka;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the sender gathers beyond its first wait, by the rate events came at. */
class EventIntakeGatherTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void enoughEventsOrNoneMeanNoMoreWaiting() {
        assertThat(EventIntake.moreGatherNanos(24, 15 * MS, 24, 50 * MS)).isZero();
        assertThat(EventIntake.moreGatherNanos(80, 15 * MS, 24, 50 * MS)).isZero();
        // an idle queue is slept on by the next round, not gathered on
        assertThat(EventIntake.moreGatherNanos(0, 15 * MS, 24, 50 * MS)).isZero();
        assertThat(EventIntake.moreGatherNanos(5, 15 * MS, 0, 50 * MS)).isZero();
    }

    @Test
    void waitsAsLongAsTheMissingEventsTakeAtTheRateSeen() {
        // ~1,000 events/s: 15 in 15 ms, 9 more take ~9 ms
        assertThat(EventIntake.moreGatherNanos(15, 15 * MS, 24, 50 * MS)).isEqualTo(9 * MS);
        // 20 in 15 ms: 4 more at 0.75 ms each
        assertThat(EventIntake.moreGatherNanos(20, 15 * MS, 24, 50 * MS)).isEqualTo(3 * MS);
    }

    @Test
    void neverGathersLongerThanTheCapInAll() {
        // a 10 ms-step model, ~200 events/s: 3 in 15 ms would want 105 ms more; capped at 50 in all
        assertThat(EventIntake.moreGatherNanos(3, 15 * MS, 24, 50 * MS)).isEqualTo(35 * MS);
        // a first wait that overslept the cap already
        assertThat(EventIntake.moreGatherNanos(3, 60 * MS, 24, 50 * MS)).isZero();
    }
}
