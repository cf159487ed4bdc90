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
import java.util.concurrent.CountDownLatch;

/**
 * {@code trainstream broker}: runs the embedded broker in the foreground until Ctrl-C, so several
 * commands (in other terminals) share it without each starting its own.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run the embedded Kafka broker in the foreground until Ctrl-C.",
                "Other trainstream commands without --bootstrap-servers find it through the data directory."})
public final class BrokerCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port to listen on (default: any free port; the address is printed).")
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
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        if (port < 0 || port > 65_535) {
            throw new io.trainstream.cli.UsageException("--port must be between 0 and 65535, was " + port);
        }
        Path dir = dataDir != null ? dataDir : settings.embeddedDataDir();
        PrintWriter out = spec.commandLine().getOut();
        if (nodes != 1) {
            return ClusterRunner.run(nodes, port, dir, out);
        }
        LocalBroker broker = LocalBroker.attachOrStart(dir, port, Duration.ofSeconds(5));
        if (!broker.ownedHere()) {
            broker.close();
            spec.commandLine().getErr().println("trainstream broker: another trainstream process already runs the embedded "
                    + "broker on " + dir + " at " + broker.bootstrapServers());
            return ExitCodes.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "trainstream-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("bootstrap.servers=" + broker.bootstrapServers());
        out.println("data dir: " + dir);
        out.println("press Ctrl-C to stop");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
