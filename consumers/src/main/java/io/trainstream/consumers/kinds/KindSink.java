package io.trainstream.consumers.kinds;

import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.RunnerConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind's sink, freshly built, with what the kind adds around it when it runs live (runner
 * settings, servers, where its output goes) and what it leaves behind after a re-drive. One subclass
 * per {@link ConsumerKind}; each instance is used once, live or re-driven.
 */
abstract class KindSink {

    private final EventSink sink;

    /** @param sink the kind's sink, fresh */
    KindSink(EventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** @return the sink */
    final EventSink sink() {
        return sink;
    }

    /**
     * @param setup where the live consumer reads and writes
     * @return lines saying where its output goes, e.g. {@code output: /home/me/.trainstream/consumers/logging}
     */
    abstract List<String> liveOutputs(LiveSetup setup);

    /**
     * @param setup where the live consumer reads
     * @return the runner's settings: by default the group {@code <group prefix><kind>} with a dead-letter
     *     topic {@code <events topic>.dlq}
     */
    RunnerConfig.Builder liveConfig(LiveSetup setup) {
        return RunnerConfig.builder(setup.bootstrapServers()).optTopic(setup.eventsTopic())
                .optDeadLetterTopic(setup.eventsTopic() + ".dlq").optGroupPrefix(setup.groupPrefix())
                .addClientOverrides(setup.kafkaOverrides());
    }

    /**
     * Starts what the live consumer serves beside its runner (nothing by default).
     *
     * @param runner the consumer's runner, not started yet
     * @param setup the host and port to bind
     * @param outputs receives one line per server saying where it listens
     * @return the servers, to close after the runner
     */
    List<AutoCloseable> startServers(ConsumerRunner runner, LiveSetup setup, List<String> outputs) {
        return List.of();
    }

    /**
     * Called after a re-drive of one run has been flushed.
     *
     * @param runId the re-driven run
     * @param dir the re-drive's own directory
     * @return the file or directory holding the run's output, empty when the run left none
     */
    abstract Optional<Path> redriveOutput(String runId, Path dir);
}
