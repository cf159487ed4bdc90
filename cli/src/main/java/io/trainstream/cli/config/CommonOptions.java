package io.trainstream.cli.config;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every command takes (a picocli mixin). A null field means the flag was not given, so
 * the environment, the config file or the default decides ({@link SettingsResolver}).
 */
public final class CommonOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to use (env TRAINSTREAM_BOOTSTRAP_SERVERS). Default: the embedded broker on "
                    + "$TRAINSTREAM_HOME/kafka (TRAINSTREAM_HOME defaults to ~/.trainstream).")
    String bootstrapServers;

    @Option(names = "--events-topic", paramLabel = "TOPIC",
            description = "Events topic (env TRAINSTREAM_EVENTS_TOPIC; default trainstream.events).")
    String eventsTopic;

    @Option(names = "--runs-topic", paramLabel = "TOPIC",
            description = "Compacted runs index topic (env TRAINSTREAM_RUNS_TOPIC; default trainstream.runs).")
    String runsTopic;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "How long to wait for Kafka before giving up (env TRAINSTREAM_CONNECT_TIMEOUT; default 15).")
    Integer connectTimeoutSeconds;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or .properties file with the keys bootstrap-servers, events-topic, runs-topic, "
                    + "connect-timeout, events-partitions, producer.<kafka setting> and, for train, train.<option> "
                    + "(env TRAINSTREAM_CONFIG).")
    Path configFile;

    @Option(names = "--verbose", description = "Print stack traces and more logging.")
    boolean verbose;

    /** Creates empty options; picocli fills them. */
    public CommonOptions() {
    }

    /** @return whether --verbose was given */
    public boolean verbose() {
        return verbose;
    }
}
