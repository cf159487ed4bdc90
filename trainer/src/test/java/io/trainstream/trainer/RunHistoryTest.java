package io.trainstream.trainer;

import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.MetricNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunHistoryTest {

    private final InMemoryRunHistory testSubject = new InMemoryRunHistory();

    @Test
    void epochStartsAtOneAndResetClearsMetricsAndEpochButKeepsThePrefix() {
        testSubject.setMetricNamePrefix("ema_");
        testSubject.updateMetric("loss", 1.0);
        testSubject.incrementEpoch();
        testSubject.reset();
        assertThat(testSubject.currentEpoch()).isEqualTo(1);
        assertThat(testSubject.metricNames()).isEmpty();
        assertThat(testSubject.metricNamePrefix()).isEqualTo("ema_");
    }

    @Test
    void thePrefixAppliesToWritesOnly() {
        testSubject.setMetricNamePrefix("ema_model_");
        testSubject.updateMetric("eval_loss_epoch", 0.5);
        assertThat(testSubject.metricNames()).containsExactly("ema_model_eval_loss_epoch");
        assertThat(testSubject.latestMetric("ema_model_eval_loss_epoch")).isEqualTo(0.5);
        assertThat(testSubject.metricValues("eval_loss_epoch")).isEmpty();
        testSubject.deleteMetric("ema_model_eval_loss_epoch");
        assertThat(testSubject.metricNames()).isEmpty();
    }

    @Test
    void readsOfUnknownMetricsNeverCreateEntries() {
        assertThat(testSubject.metricValues("nope")).isEmpty();
        assertThatThrownBy(() -> testSubject.latestMetric("nope")).isInstanceOf(MetricNotFoundException.class)
                .hasMessageContaining("'nope'");
        assertThat(testSubject.metricNames()).isEmpty();
    }

    @Test
    void valuesKeepTheirOrderAndNaNIsStoredAsIs() {
        testSubject.updateMetric("loss", 3.0);
        testSubject.updateMetric("loss", Double.NaN);
        testSubject.updateMetric("loss", 1.0);
        assertThat(testSubject.metricValues("loss")).containsExactly(3.0, Double.NaN, 1.0);
        assertThat(testSubject.latestMetric("loss")).isEqualTo(1.0);
    }

    @Test
    void deletingAMissingMetricFailsWithItsName() {
        assertThatThrownBy(() -> testSubject.deleteMetric("ghost")).isInstanceOf(MetricNotFoundException.class)
                .hasMessageContaining("ghost");
    }
}
