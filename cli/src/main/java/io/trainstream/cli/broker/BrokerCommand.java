package io.trainstream.cli.broker;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code trainstream broker}: runs the local broker in the foreground until Ctrl-C; {@code broker status}
 * and {@code broker stop} look at and stop the one that commands start by themselves.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        subcommands = {BrokerCommand.Status.class, BrokerCommand.Stop.class},
        description = {"Run the local Kafka broker in the foreground until Ctrl-C.",
                "Commands without --bootstrap-servers start it by themselves when it is not running, as a background",
                "process that stops after TRAINSTREAM_BROKER_IDLE seconds (default 600) with no command attached.",
                "  broker status   is one running, where, which pid",
                "  broker stop     stop it (cleanly)"})
public final class BrokerCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port to listen on (default: the port of the last start when free, else any free port).")
    private int port;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = {"Nodes to run (default 1). With 2..9, a real KRaft cluster on 127.0.0.1: each node its own",
                    "process, broker and controller; topics get replication factor min(3, N) and min ISR 2 from 3 nodes.",
                    "Its data goes to DIR-cluster (DIR: --data-dir or the default); its address is printed."})
    private int nodes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $TRAINSTREAM_HOME/kafka, i.e. ~/.trainstream/kafka).")
    private Path dataDir;

    /** Creates the command; picocli does this. */
    public BrokerCommand() {
    }

    /** Starts the broker, prints its address and blocks until the JVM is asked to stop. */
    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new io.trainstream.cli.UsageException("--port must be between 0 and 65535, was " + port);
        }
        Path dir = dataDir();
        PrintWriter out = spec.commandLine().getOut();
        if (nodes != 1) {
            return ClusterRunner.run(nodes, port, dir, out);
        }
        BrokerHost broker;
        try {
            broker = BrokerHost.startLocked(dir, port, Duration.ZERO);
        } catch (BrokerHost.AlreadyRunningException e) {
            spec.commandLine().getErr().println("trainstream broker: " + e.getMessage() + " (stop it with: trainstream broker stop)");
            return ExitCodes.FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "trainstream-broker-shutdown"));
        out.println("bootstrap.servers=" + broker.bootstrapServers());
        out.println("data dir: " + dir);
        out.println("press Ctrl-C to stop");
        out.flush();
        broker.awaitStop();
        return ExitCodes.OK;
    }

    private Path dataDir() {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        return dataDir != null ? dataDir : settings.embeddedDataDir();
    }

    /** {@code trainstream broker status}: prints whether a local broker runs; exit 0 when it does, 1 when not. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Tell whether the local broker runs, where and with which pid.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        private BrokerCommand parent;

        @Override
        public Integer call() {
            LocalBroker.Status status = LocalBroker.status(parent.dataDir());
            parent.spec.commandLine().getOut().println(status.describe());
            return status.running() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** {@code trainstream broker stop}: stops the local broker cleanly (SIGTERM, then SIGKILL after 60 s). */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the local broker (its data stays).")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        private BrokerCommand parent;

        @Override
        public Integer call() {
            LocalBroker.Status status = LocalBroker.stop(parent.dataDir(), Duration.ofSeconds(60));
            parent.spec.commandLine().getOut().println(status.running() ? "stopped the " + status.describe() : status.describe());
            return ExitCodes.OK;
        }
    }
}
