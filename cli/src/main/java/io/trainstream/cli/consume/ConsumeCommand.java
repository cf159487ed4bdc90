package io.trainstream.cli.consume;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.consumers.kinds.ConsumerKind;
import io.trainstream.consumers.kinds.LiveConsumer;
import io.trainstream.consumers.kinds.LiveSetup;
import io.trainstream.consumers.replay.OutputDirectoryInUseException;
import io.trainstream.consumers.runtime.ConsumerStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code trainstream consume <logging|metrics|predictions|dashboard>}: runs one consumer until Ctrl-C
 * or SIGTERM, printing where its output goes and a status line every 10 seconds.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one consumer of the events topic until Ctrl-C: logging, metrics, predictions or dashboard.",
                "Prints where its output goes, then its counters every 10 s."})
public final class ConsumeCommand implements Callable<Integer> {

    /** Default dashboard port. */
    public static final int DASHBOARD_PORT = 7070;
    /** Default Prometheus port. */
    public static final int PROMETHEUS_PORT = 9464;

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONSUMER", description = "One of: ${COMPLETION-CANDIDATES}.")
    private ConsumerKind kind;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (logging, metrics, predictions; default: $TRAINSTREAM_HOME/consumers/<consumer>).")
    private Path out;

    @Option(names = "--port", paramLabel = "N",
            description = "Port of the dashboard (default " + DASHBOARD_PORT + ") or the Prometheus endpoint (default "
                    + PROMETHEUS_PORT + "); 0 for any free port.")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the dashboard or Prometheus endpoint binds (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "10", hidden = true)
    private int statusSeconds;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public ConsumeCommand() {
    }

    /** Starts the consumer, prints its outputs and status lines, and returns when the JVM is asked to stop. */
    @Override
    public Integer call() throws Exception {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        int serverPort = port != null ? port : kind == ConsumerKind.DASHBOARD ? DASHBOARD_PORT : PROMETHEUS_PORT;
        if (serverPort < 0 || serverPort > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, was " + serverPort);
        }
        Path dir = out != null ? out : settings.home().resolve("consumers").resolve(kind.id());
        PrintWriter stdout = spec.commandLine().getOut();
        EventLog log = EventLog.connect(settings);
        try (CloseOnce closeLog = new CloseOnce(log)) {
            log.ensureTopics();
            LiveSetup setup = new LiveSetup(log.bootstrapServers(), settings.eventsTopic(), settings.kafkaOverrides(),
                    "trainstream.", dir, host, serverPort, ConsoleStream.over(stdout));
            LiveConsumer consumer = start(setup);
            stdout.println("consumer " + kind.id() + " (group " + consumer.groupId() + ") reading " + settings.eventsTopic()
                    + " on " + log.describe());
            consumer.outputs().forEach(stdout::println);
            stdout.println("press Ctrl-C to stop");
            stdout.flush();
            ConsumerStats last = new Foreground(java.util.List.of(consumer), java.util.List.of(closeLog)).runUntilStopped(Duration.ofSeconds(Math.max(1, statusSeconds)),
                    stats -> {
                        stdout.println(StatusLine.format(stats));
                        stdout.flush();
                    });
            return last.state() == ConsumerStats.State.FAILED ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }

    private LiveConsumer start(LiveSetup setup) {
        try {
            return kind.startLive(setup);
        } catch (OutputDirectoryInUseException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
