package io.trainstream.events.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;
import io.trainstream.schemas.avro.EpochChangeCause;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryRebuildTest {

    private final List<RunEvent> log = new ArrayList<>();

    private void append(EventBody body) {
        log.add(new RunEvent(EventHeader.of("run-1", log.size(), 0L, "h", 1, 0L, null), body));
    }

    @Test
    void theLogRebuildsTheHistoryTheTrainerHeld() {
        InMemoryRunHistory live = new InMemoryRunHistory();
        live.updateMetric("stale", 9.0);
        live.reset();
        append(new EventBody.HistoryReset("train() start"));
        live.updateMetric("train_loss_epoch", 0.5);
        append(new EventBody.MetricUpdate("train_loss_epoch", 0.5));
        live.setMetricNamePrefix("ema_");
        append(new EventBody.MetricPrefixChanged("ema_"));
        live.updateMetric("eval_loss_epoch", Double.NaN);
        append(new EventBody.MetricUpdate("ema_eval_loss_epoch", Double.NaN));
        live.updateMetric("scratch", 1.0);
        append(new EventBody.MetricUpdate("ema_scratch", 1.0));
        live.deleteMetric("ema_scratch");
        append(new EventBody.MetricDeleted("ema_scratch"));
        live.incrementEpoch();
        append(new EventBody.EpochChange(2, EpochChangeCause.INCREMENT));
        append(new EventBody.TrainStepEnd(StepValues.of(0.7, 0.7, 4)));

        RunHistory rebuilt = HistoryRebuild.rebuild(log);

        assertThat(rebuilt.metricNames()).isEqualTo(live.metricNames());
        for (String name : live.metricNames()) {
            assertThat(rebuilt.metricValues(name)).as(name).isEqualTo(live.metricValues(name));
        }
        assertThat(rebuilt.currentEpoch()).isEqualTo(2);
        assertThat(rebuilt.metricNamePrefix()).isEqualTo("ema_");
    }

    @Test
    void onlyHistoryChangesReportAChange() {
        InMemoryRunHistory history = new InMemoryRunHistory();
        for (EventKind kind : EventKind.values()) {
            append(io.trainstream.events.SampleBodies.of(kind));
        }
        List<EventKind> changed = log.stream().filter(e -> HistoryRebuild.apply(history, e)).map(RunEvent::kind)
                .toList();
        assertThat(changed).containsExactly(EventKind.METRIC_UPDATE, EventKind.METRIC_DELETED,
                EventKind.METRIC_PREFIX_CHANGED, EventKind.HISTORY_RESET, EventKind.EPOCH_CHANGE);
    }

    @Test
    void deletingAMetricTheLogNeverShowedIsSkipped() {
        append(new EventBody.MetricDeleted("never_seen"));
        assertThat(HistoryRebuild.rebuild(log).metricNames()).isEmpty();
    }
}
