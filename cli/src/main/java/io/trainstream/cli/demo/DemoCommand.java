package io.trainstream.cli.demo;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.cli.consume.CloseOnce;
import io.trainstream.cli.consume.ConsoleStream;
import io.trainstream.cli.consume.Foreground;
import io.trainstream.cli.consume.StatusLine;
import io.trainstream.cli.train.TrainSpec;
import io.trainstream.cli.train.TrainingJob;
import io.trainstream.consumers.kinds.ConsumerKind;
import io.trainstream.consumers.kinds.LiveConsumer;
import io.trainstream.consumers.kinds.LiveSetup;
import io.trainstream.trainer.data.FeatureScaling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code trainstream demo}: the embedded broker, the four consumers and the dashboard in this process,
 * then a real training run on the bundled digits set; serves until Ctrl-C, or with
 * {@code --exit-when-done} exits once every consumer has caught up with the run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything in one command: Kafka (embedded), the logging, metrics, predictions and dashboard",
                "consumers, and a training run on the bundled digits set. Open the printed dashboard URL to watch it live."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070",
            description = "Dashboard port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    private int port;

    @Option(names = "--metrics-port", paramLabel = "N", defaultValue = "0",
            description = "Prometheus endpoint port (default: any free port).")
    private int metricsPort;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the consumers write (default: $TRAINSTREAM_HOME/demo).")
    private Path out;

    @Option(names = "--exit-when-done", description = "Exit once the consumers have caught up with the run, instead of serving until Ctrl-C.")
    private boolean exitWhenDone;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public DemoCommand() {
    }

    /** Starts everything, trains, reports where the outputs are, then serves or exits. */
    @Override
    public Integer call() throws Exception {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        for (int value : new int[] {port, metricsPort}) {
            if (value < 0 || value > 65_535) {
                throw new UsageException("--port and --metrics-port must be between 0 and 65535, was " + value);
            }
        }
        TrainSpec trainSpec = new TrainSpec(null, null, List.of(64, 64), epochs, 64, 0.001, 42, 0.2, FeatureScaling.STANDARDIZE,
                null, null, "digits-demo", null, null);
        trainSpec.validate();
        Path dir = out != null ? out : settings.home().resolve("demo");
        PrintWriter stdout = spec.commandLine().getOut();
        EventLog log = EventLog.connect(settings);
        List<LiveConsumer> consumers = new ArrayList<>();
        // resources close in reverse order: the consumers (flush, commit offsets, stop) before the event log
        try (CloseOnce closeLog = new CloseOnce(log);
             AutoCloseable stopConsumers = () -> consumers.forEach(LiveConsumer::close)) {
            log.ensureTopics();
            LiveSetup setup = new LiveSetup(log.bootstrapServers(), settings.eventsTopic(), settings.kafkaOverrides(),
                    "trainstream.demo.", dir, "127.0.0.1", port, ConsoleStream.discard());
            consumers.add(ConsumerKind.DASHBOARD.startLive(setup));
            stdout.println("dashboard: " + consumers.get(0).outputs().get(0).substring("dashboard: ".length())
                    + "   (open it now to watch the run live)");
            stdout.println("kafka: " + log.describe());
            stdout.flush();
            // every other registered kind, so a kind added to the registry shows up in the demo too
            for (ConsumerKind kind : ConsumerKind.values()) {
                if (kind != ConsumerKind.DASHBOARD) {
                    int kindPort = kind == ConsumerKind.METRICS ? metricsPort : 0;
                    consumers.add(kind.startLive(setup.with(dir.resolve(kind.id()), kindPort)));
                }
            }

            String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
            stdout.println("run id: " + runId + " (" + epochs + " epochs on the bundled digits set)");
            stdout.flush();
            TrainingJob.Published run = new TrainingJob(trainSpec, settings.home()).optPublishEvalOutputs(true)
                    .runPublished(log, runId, 0);
            stdout.println();
            run.result().print(stdout);
            printOutputs(stdout, consumers, dir, runId);
            if (exitWhenDone) {
                return finish(stdout, consumers, runId, run.report().allDelivered());
            }
            stdout.println("serving until Ctrl-C");
            stdout.flush();
            new Foreground(consumers, List.of(closeLog)).runUntilStopped(Duration.ofSeconds(10), stats -> { });
            return ExitCodes.OK;
        }
    }

    private static void printOutputs(PrintWriter stdout, List<LiveConsumer> consumers, Path dir, String runId) {
        stdout.println("outputs:");
        stdout.println("  logs (JSON lines):  " + dir.resolve("logging").resolve("logging.jsonl"));
        stdout.println("  metrics CSV:        " + dir.resolve("metrics").resolve(runId + ".csv"));
        stdout.println("  predictions CSVs:   " + dir.resolve("predictions").resolve(runId) + "/epoch-<n>.csv");
        for (LiveConsumer consumer : consumers) {
            consumer.outputs().stream().filter(line -> line.startsWith("prometheus: ") || line.startsWith("dashboard: "))
                    .forEach(line -> stdout.println("  " + line));
        }
        stdout.println("  replay it:          trainstream replay " + runId + " --plot curves.png");
        stdout.flush();
    }

    private int finish(PrintWriter stdout, List<LiveConsumer> consumers, String runId, boolean delivered) throws InterruptedException {
        boolean caughtUp = CatchUp.await(consumers, runId, CATCH_UP_TIMEOUT);
        consumers.forEach(consumer -> stdout.println("  " + StatusLine.format(consumer.stats())));
        if (!caughtUp) {
            spec.commandLine().getErr().println("trainstream demo: the consumers did not catch up with run " + runId + " within "
                    + CATCH_UP_TIMEOUT.toSeconds() + " s");
            return ExitCodes.FAILURE;
        }
        if (!delivered) {
            spec.commandLine().getErr().println("trainstream demo: not every event of run " + runId + " reached the log");
            return ExitCodes.FAILURE;
        }
        stdout.println("done: every consumer has caught up with run " + runId);
        stdout.flush();
        return ExitCodes.OK;
    }
}
