package io.trainstream.consumers.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.schemas.avro.RunStatus;

import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the scrape from the consumer's run snapshots at scrape time, so there is no second copy of
 * the state to keep in step (deleted metrics and reset histories simply disappear).
 */
final class RunsCollector implements MultiCollector {

    private static final List<RunStatus> STATUSES =
            List.of(RunStatus.RUNNING, RunStatus.COMPLETED, RunStatus.STOPPED, RunStatus.FAILED, RunStatus.INTERRUPTED);

    private final MetricsConsumer consumer;
    private final List<Supplier<ConsumerStats>> stats;

    RunsCollector(MetricsConsumer consumer, List<Supplier<ConsumerStats>> stats) {
        this.consumer = consumer;
        this.stats = stats;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder metric = gauge("trainstream_run_metric", "Latest value of each metric of each run");
        GaugeSnapshot.Builder epoch = gauge("trainstream_run_epoch", "Current epoch of each run (1-based); for an ended run, the epochs it completed");
        GaugeSnapshot.Builder step = gauge("trainstream_run_global_step", "Optimizer updates done by each run");
        GaugeSnapshot.Builder status = gauge("trainstream_run_status", "1 for the run's current status, 0 for the others");
        for (RunView run : consumer.runs().values()) {
            String runName = run.runName() == null ? "" : run.runName();
            Labels labels = Labels.of("run_id", run.runId(), "run_name", runName);
            run.latest().forEach((name, value) -> metric.dataPoint(point(labels.add("metric", name), value)));
            epoch.dataPoint(point(labels, run.epoch()));
            step.dataPoint(point(labels, run.globalStep()));
            for (RunStatus s : STATUSES) {
                status.dataPoint(point(labels.add("status", s.name().toLowerCase(java.util.Locale.ROOT)),
                        run.status() == s ? 1 : 0));
            }
        }
        MetricSnapshots.Builder all = MetricSnapshots.builder()
                .metricSnapshot(metric.build()).metricSnapshot(epoch.build())
                .metricSnapshot(step.build()).metricSnapshot(status.build());
        if (!stats.isEmpty()) {
            GaugeSnapshot.Builder events = gauge("trainstream_consumer_events",
                    "Events by outcome since the consumer started");
            GaugeSnapshot.Builder lag = gauge("trainstream_consumer_lag", "Records behind the end of the topic");
            for (Supplier<ConsumerStats> supplier : stats) {
                ConsumerStats s = supplier.get();
                Labels consumerLabel = Labels.of("consumer", s.name());
                events.dataPoint(point(consumerLabel.add("outcome", "processed"), s.processed()));
                events.dataPoint(point(consumerLabel.add("outcome", "duplicate"), s.duplicatesSkipped()));
                events.dataPoint(point(consumerLabel.add("outcome", "missing"), s.missingEvents()));
                events.dataPoint(point(consumerLabel.add("outcome", "dead_lettered"), s.deadLettered()));
                lag.dataPoint(point(consumerLabel, s.lag()));
            }
            all.metricSnapshot(events.build()).metricSnapshot(lag.build());
        }
        return all.build();
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
