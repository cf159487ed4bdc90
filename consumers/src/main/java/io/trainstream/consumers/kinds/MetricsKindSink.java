package io.trainstream.consumers.kinds;

import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.metrics.PrometheusEndpoint;
import io.trainstream.consumers.runtime.ConsumerRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConsumerKind#METRICS}: a {@link MetricsConsumer} writing {@code <dir>/<run id>.csv}; live, also
 * a Prometheus scrape endpoint over its runs and its runner's counters.
 */
final class MetricsKindSink extends KindSink {

    private final MetricsConsumer metrics;

    MetricsKindSink(String name, Path dir) {
        this(new MetricsConsumer(dir, name));
    }

    private MetricsKindSink(MetricsConsumer metrics) {
        super(metrics);
        this.metrics = metrics;
    }

    @Override
    List<String> liveOutputs(LiveSetup setup) {
        return List.of("output: " + setup.outDir() + "/<run id>.csv");
    }

    @Override
    List<AutoCloseable> startServers(ConsumerRunner runner, LiveSetup setup, List<String> outputs) {
        PrometheusEndpoint endpoint = PrometheusEndpoint.start(metrics, setup.host(), setup.port(), List.of(runner::stats));
        outputs.add("prometheus: " + endpoint.url());
        return List.of(endpoint);
    }

    /** Exports the run's CSV now: a run without {@code run_end} (crashed, running) is exported too. */
    @Override
    Optional<Path> redriveOutput(String runId, Path dir) {
        return metrics.exportCsv(runId);
    }
}
