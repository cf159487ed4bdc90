package io.trainstream.cli.consume;

import io.trainstream.consumers.dashboard.DashboardFeed;
import io.trainstream.consumers.dashboard.DashboardServer;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.logging.LoggingConsumer;
import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.metrics.PrometheusEndpoint;
import io.trainstream.consumers.predictions.PredictionsConsumer;
import io.trainstream.consumers.replay.ReplayOutputs;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.RunnerConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts each kind of live consumer: its sink on a {@link ConsumerRunner}, or the dashboard's feed and server. */
public final class LiveConsumers {

    private LiveConsumers() {
    }

    /**
     * @param kind the consumer type
     * @param setup where it reads and writes
     * @return the running consumer; close it to stop
     * @throws IllegalStateException when its output directory belongs to a replay
     */
    public static LiveConsumer start(ConsumerKind kind, ConsumerSetup setup) {
        return switch (kind) {
            case LOGGING -> {
                ReplayOutputs.claimForLive(setup.outDir(), kind.id());
                LoggingConsumer sink = new LoggingConsumer(setup.outDir(), kind.id(), setup.console());
                yield runner(kind, sink, setup, List.of("output: " + sink.outputFile()));
            }
            case PREDICTIONS -> {
                ReplayOutputs.claimForLive(setup.outDir(), kind.id());
                yield runner(kind, new PredictionsConsumer(setup.outDir(), kind.id()), setup,
                        List.of("output: " + setup.outDir() + "/<run id>/epoch-<n>.csv"));
            }
            case METRICS -> {
                ReplayOutputs.claimForLive(setup.outDir(), kind.id());
                yield runner(kind, new MetricsConsumer(setup.outDir(), kind.id()), setup,
                        List.of("output: " + setup.outDir() + "/<run id>.csv"));
            }
            case DASHBOARD -> dashboard(setup);
        };
    }

    private static LiveConsumer runner(ConsumerKind kind, EventSink sink, ConsumerSetup setup, List<String> outputs) {
        TrackingSink tracked = new TrackingSink(sink);
        RunnerConfig config = RunnerConfig.builder(setup.bootstrapServers()).optTopic(setup.eventsTopic())
                .optDeadLetterTopic(setup.eventsTopic() + ".dlq").optGroupPrefix(setup.groupPrefix())
                .addClientOverrides(setup.kafkaOverrides()).build();
        ConsumerRunner runner = new ConsumerRunner(tracked, config);
        List<String> lines = new ArrayList<>(outputs);
        List<AutoCloseable> servers = new ArrayList<>();
        if (sink instanceof MetricsConsumer metrics) {
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(metrics, setup.host(), setup.port(), List.of(runner::stats));
            servers.add(endpoint);
            lines.add("prometheus: " + endpoint.url());
        }
        runner.start();
        return new RunnerConsumer(kind, runner, tracked, lines, servers);
    }

    private static LiveConsumer dashboard(ConsumerSetup setup) {
        DashboardState state = new DashboardState();
        Map<String, Object> overrides = new HashMap<>();
        setup.kafkaOverrides().forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                overrides.put(key, value);
            }
        });
        DashboardServer server = DashboardServer.builder(state).optHost(setup.host()).optPort(setup.port()).build().start();
        DashboardFeed feed;
        try {
            feed = new DashboardFeed(state, setup.bootstrapServers(), setup.eventsTopic(), overrides).start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new DashboardConsumer(state, feed, server);
    }
}
