package io.trainstream.consumers.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Prometheus scrape endpoint ({@code /metrics}) over a {@link MetricsConsumer}, with its own registry:
 * {@code trainstream_run_metric{run_id,run_name,metric}}, {@code trainstream_run_epoch{run_id,run_name}},
 * {@code trainstream_run_global_step{run_id,run_name}}, {@code trainstream_run_status{run_id,run_name,status}}
 * (1 for the current status of running, completed, stopped, failed; 0 for the others) and, when given
 * runner stats, {@code trainstream_consumer_events{consumer,outcome}} and {@code trainstream_consumer_lag{consumer}}.
 * Values are read at scrape time on the HTTP server's threads.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    /** The default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final HTTPServer server;
    private final PrometheusRegistry registry;
    private final String host;

    private PrometheusEndpoint(HTTPServer server, PrometheusRegistry registry, String host) {
        this.server = server;
        this.registry = registry;
        this.host = host;
    }

    /**
     * Starts an endpoint on {@value #DEFAULT_HOST}.
     *
     * @param consumer the runs to expose
     * @param port the port, 0 for a free one
     * @param stats runner stats to expose too (e.g. {@code runner::stats})
     * @return the running endpoint
     * @throws UncheckedIOException when the port cannot be bound
     */
    @SafeVarargs
    public static PrometheusEndpoint start(MetricsConsumer consumer, int port, Supplier<ConsumerStats>... stats) {
        return start(consumer, DEFAULT_HOST, port, List.of(stats));
    }

    /**
     * @param consumer the runs to expose
     * @param host the address to bind (use a non-loopback one only deliberately)
     * @param port the port, 0 for a free one
     * @param stats runner stats to expose too
     * @return the running endpoint
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static PrometheusEndpoint start(MetricsConsumer consumer, String host, int port,
            List<Supplier<ConsumerStats>> stats) {
        Objects.requireNonNull(consumer, "consumer");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new RunsCollector(consumer, List.copyOf(stats)));
        try {
            HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
            return new PrometheusEndpoint(server, registry, host);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the metrics endpoint on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the bound port */
    public int port() {
        return server.getPort();
    }

    /** @return the scrape URL, e.g. {@code http://127.0.0.1:9464/metrics} */
    public String url() {
        return "http://" + host + ":" + port() + "/metrics";
    }

    /** @return the endpoint's registry, to register more collectors */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Stops the HTTP server. */
    @Override
    public void close() {
        server.close();
    }
}
