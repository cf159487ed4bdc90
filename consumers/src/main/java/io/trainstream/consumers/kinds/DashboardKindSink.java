package io.trainstream.consumers.kinds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trainstream.consumers.dashboard.DashboardFeed;
import io.trainstream.consumers.dashboard.DashboardServer;
import io.trainstream.consumers.dashboard.DashboardSink;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.dashboard.RunSnapshot;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.consumers.runtime.SinkFiles;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ConsumerKind#DASHBOARD}: a {@link DashboardState} fed by a {@link DashboardSink}. Live, it reads
 * every partition in a consumer group of its own ({@link DashboardFeed#runnerConfig}) and serves the web
 * dashboard; re-driven, it writes the run's snapshot (the JSON API's) to {@code <dir>/<run id>.json}.
 */
final class DashboardKindSink extends KindSink {

    private final DashboardState state;

    DashboardKindSink() {
        this(new DashboardState());
    }

    private DashboardKindSink(DashboardState state) {
        super(new DashboardSink(state));
        this.state = state;
    }

    /** The server's address is known once it runs: {@link #startServers} adds it. */
    @Override
    List<String> liveOutputs(LiveSetup setup) {
        return List.of();
    }

    /** The dashboard's own group and settings; only consumer settings of the overrides apply (it produces nothing). */
    @Override
    RunnerConfig.Builder liveConfig(LiveSetup setup) {
        Map<String, Object> overrides = new HashMap<>();
        setup.kafkaOverrides().forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                overrides.put(key, value);
            }
        });
        return DashboardFeed.runnerConfig(setup.bootstrapServers(), setup.eventsTopic(), overrides);
    }

    @Override
    List<AutoCloseable> startServers(ConsumerRunner runner, LiveSetup setup, List<String> outputs) {
        DashboardServer server = DashboardServer.builder(state).optHost(setup.host()).optPort(setup.port()).build().start();
        outputs.add("dashboard: " + server.url());
        return List.of(server);
    }

    @Override
    Optional<Path> redriveOutput(String runId, Path dir) {
        Optional<RunSnapshot> snapshot = state.snapshot(runId, state.limits().recentEvents());
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve(SinkFiles.fileName(runId) + ".json");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), snapshot.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return Optional.of(file);
    }
}
