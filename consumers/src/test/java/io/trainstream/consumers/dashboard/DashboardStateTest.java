package io.trainstream.consumers.dashboard;

import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardStateTest {

    private final DashboardState testSubject = new DashboardState(new DashboardLimits(2, 8, 3, 2, 5));

    @Test
    void runStartEndAndStepsBuildTheRunSummary() {
        TestEvents run = new TestEvents("run-a");
        testSubject.accept(TestEvents.typed(run.runStart("first")));
        testSubject.accept(TestEvents.typed(run.trainStep(0.9)));
        testSubject.accept(TestEvents.typed(run.trainStep(0.8)));
        testSubject.accept(TestEvents.typed(run.runEnd(RunEndStatus.STOPPED, "early stopping")));

        RunDetail detail = testSubject.run("run-a").orElseThrow();
        assertThat(detail.run().name()).isEqualTo("first");
        assertThat(detail.run().kind()).isEqualTo("train");
        assertThat(detail.run().status()).isEqualTo(RunStatus.STOPPED);
        assertThat(detail.run().reason()).isEqualTo("early stopping");
        assertThat(detail.run().trainSteps()).isEqualTo(2);
        assertThat(detail.run().globalStep()).isEqualTo(2);
        assertThat(detail.run().endedAtMs()).isNotNull();
        assertThat(detail.config()).containsEntry("num_epochs", "3").containsEntry("mixed_precision", "no");
        assertThat(detail.hyperparameters()).containsEntry("lr", "0.01");
        assertThat(detail.provenance()).containsEntry("seed", "42").containsEntry("lib.djl", "0.36.0");
    }

    @Test
    void aRepeatedSeqIsIgnoredAndAGapIsCounted() {
        TestEvents run = new TestEvents("run-a");
        testSubject.accept(TestEvents.typed(run.runStart("r")));
        testSubject.accept(TestEvents.typed(run.trainStep(1.0)));
        run.rewindTo(1);
        assertThat(testSubject.accept(TestEvents.typed(run.trainStep(5.0)))).isFalse();
        run.skip(3);
        testSubject.accept(TestEvents.typed(run.trainStep(0.5)));

        RunOverview info = testSubject.run("run-a").orElseThrow().run();
        assertThat(info.events()).isEqualTo(3);
        assertThat(info.missingEvents()).isEqualTo(3);
        assertThat(testSubject.duplicateEvents()).isEqualTo(1);
        assertThat(testSubject.metrics("run-a").orElseThrow().trainLoss().loss()).containsExactly(1.0, 0.5);
    }

    @Test
    void aFullStepSeriesHalvesAndDoublesItsStride() {
        TestEvents run = new TestEvents("run-a");
        for (int i = 1; i <= 20; i++) {
            testSubject.accept(TestEvents.typed(run.trainStep(i)));
        }
        RunMetrics.StepLoss loss = testSubject.metrics("run-a").orElseThrow().trainLoss();
        assertThat(loss.capacity()).isEqualTo(8);
        assertThat(loss.stride()).isEqualTo(4);
        assertThat(loss.steps()).containsExactly(1, 5, 9, 13, 17);
        assertThat(loss.loss()).containsExactly(1, 5, 9, 13, 17);
    }

    @Test
    void metricSeriesDropTheirOldestValuesAndExtraNamesAreNotKept() {
        TestEvents run = new TestEvents("run-a");
        for (int i = 0; i < 4; i++) {
            testSubject.accept(TestEvents.typed(run.metric("loss", i)));
            testSubject.accept(TestEvents.typed(run.epochEnd()));
        }
        testSubject.accept(TestEvents.typed(run.metric("acc", Double.NaN)));
        testSubject.accept(TestEvents.typed(run.metric("third", 1)));

        RunMetrics metrics = testSubject.metrics("run-a").orElseThrow();
        assertThat(metrics.metrics()).containsOnlyKeys("loss", "acc");
        assertThat(metrics.metrics().get("loss").values()).containsExactly(1, 2, 3);
        assertThat(metrics.metrics().get("loss").epochs()).containsExactly(2, 3, 4);
        assertThat(metrics.metrics().get("acc").values()[0]).isNaN();
    }

    @Test
    void recentEventsKeepTheLatestOnesOldestFirst() {
        TestEvents run = new TestEvents("run-a");
        for (int i = 0; i < 8; i++) {
            testSubject.accept(TestEvents.typed(run.trainStep(i)));
        }
        assertThat(testSubject.recentEvents("run-a", 100).orElseThrow())
                .extracting(RunEvent::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(testSubject.recentEvents("run-a", 2).orElseThrow())
                .extracting(RunEvent::seq).containsExactly(6L, 7L);
    }

    @Test
    void aFinishedRunIsForgottenFirstWhenTheRunLimitIsReached() {
        TestEvents a = new TestEvents("run-a");
        TestEvents b = new TestEvents("run-b");
        testSubject.accept(TestEvents.typed(a.runStart("a")));
        testSubject.accept(TestEvents.typed(b.runStart("b")));
        testSubject.accept(TestEvents.typed(b.runEnd(RunEndStatus.COMPLETED, null)));
        testSubject.accept(TestEvents.typed(new TestEvents("run-c").runStart("c")));

        assertThat(testSubject.runs()).extracting(RunOverview::id).containsExactlyInAnyOrder("run-a", "run-c");
    }

    @Test
    void listenersSeeEachAppliedEventWithWhatItAdded() {
        List<DashboardUpdate> seen = new ArrayList<>();
        try (DashboardState.Subscription ignored = testSubject.subscribe(seen::add)) {
            TestEvents run = new TestEvents("run-a");
            testSubject.accept(TestEvents.typed(run.trainStep(0.25)));
            testSubject.accept(TestEvents.typed(run.metric("acc", 0.5)));
        }
        testSubject.accept(TestEvents.typed(new TestEvents("run-a").trainStep(9)));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).step()).isEqualTo(new DashboardUpdate.StepPoint(1, 0.25));
        assertThat(seen.get(1).metric()).isEqualTo(new DashboardUpdate.MetricPoint("acc", 1, 0.5));
        assertThat(seen.get(1).event().name()).isEqualTo("metric_update");
    }
}
