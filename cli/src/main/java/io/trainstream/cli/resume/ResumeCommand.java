package io.trainstream.cli.resume;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.cli.replay.RecordedRun;
import io.trainstream.cli.train.RunReport;
import io.trainstream.cli.train.TrainSpec;
import io.trainstream.cli.train.TrainResult;
import io.trainstream.cli.train.TrainingJob;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.outbox.PendingEntries;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code trainstream resume <run-id>}: continues a crashed run under its own id. The run's settings come
 * from its {@code run_start} event, its history is rebuilt from the log and checked against the latest
 * {@code epoch_k} training state, which the trainer then loads; seq continues after the last logged
 * event and epochs after k.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Continue a crashed run (one trained with --save-state-every) under the same run id:",
                "same settings, the latest epoch_k training state, seq and epochs continue."})
public final class ResumeCommand implements Callable<Integer> {

    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(60);

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The crashed run.")
    private String runId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Parent of the runs' training-state directories, as given to train (default: the run's recorded one, "
                    + "else $TRAINSTREAM_HOME/states).")
    private Path stateDir;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public ResumeCommand() {
    }

    /** Reads the run, checks its state, trains on. */
    @Override
    public Integer call() {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (EventLog log = EventLog.connectWithoutRecovery(settings)) {
            log.ensureTopics();
            RecordedRun before = RecordedRun.read(log, runId, stderr, "resume");
            checkResumable(before);
            KafkaPublisherConfig config = log.publisherConfig();
            // deliver the dead run's leftovers before picking the next seq: numbering from the topic while
            // they are still on their way would give two contents to the same seqs
            try (KafkaEventPublisher publisher = KafkaEventPublisher.openContinuing(config, settings.connectTimeout(),
                    before.summary())) {
                awaitLeftovers(publisher, config, stderr);
                RecordedRun run = RecordedRun.read(log, runId, stderr, "resume");
                checkResumable(run);
                TrainSpec recorded = TrainSpec.fromHyperparameters(run.replay().hyperparameters(), run.replay().seed(),
                        run.replay().runName());
                TrainSpec trainSpec = stateDir == null ? recorded : recorded.withStateDir(stateDir);
                Path runStates = trainSpec.runStateDir(runId, settings.home());
                Path state = TrainingStateDirs.latest(runStates).orElseThrow(() -> new UsageException("no complete epoch_k "
                        + "training state in " + runStates + " (train with --save-state-every N; see --state-dir)"));
                checkHistory(stderr, state, run);
                long nextSeq = run.lastSeq() + 1;
                stdout.println("run id: " + runId);
                stdout.println("resuming from " + state + " (epoch " + (TrainingStateDirs.epoch(state) + 1) + " of "
                        + trainSpec.epochs() + "), seq " + nextSeq);
                stdout.flush();
                TrainingJob job = new TrainingJob(trainSpec, settings.home()).optResumeFrom(state);
                TrainResult result = job.run(publisher, runId, nextSeq);
                publisher.flush(config.flushTimeout());
                return RunReport.print(stdout, stderr, "resume", new TrainingJob.Published(result, publisher.deliveryReport()),
                        runId, log);
            }
        }
    }

    private void checkResumable(RecordedRun run) {
        if (!"RUNNING".equals(run.replay().status())) {
            throw new UsageException("run " + runId + " ended (" + run.replay().status() + "): only a run cut short can be resumed");
        }
    }

    private void awaitLeftovers(KafkaEventPublisher publisher, KafkaPublisherConfig config, PrintWriter stderr) {
        if (!publisher.flush(LEFTOVER_WAIT)) {
            throw new UsageException("run " + runId + ": the events its dead process left in the outbox "
                    + publisher.outboxDir() + " could not be delivered within " + LEFTOVER_WAIT.toSeconds()
                    + " s; resume when Kafka takes them");
        }
        List<String> keys = new java.util.ArrayList<>();
        keys.add(publisher.identity().key());
        keys.addAll(publisher.identity().aliases());
        long deadline = System.nanoTime() + LEFTOVER_WAIT.toNanos();
        long pending;
        while ((pending = PendingEntries.of(config.outbox().dir(), keys, runId)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new UsageException("run " + runId + " still has " + pending + " undelivered events in an outbox under "
                        + config.outbox().dir() + " held by another live trainstream process; resume once it has delivered them");
            }
            stderr.println("trainstream resume: waiting for another process to deliver " + pending + " events of run " + runId);
            stderr.flush();
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for the run's leftovers");
        }
    }

    private static void checkHistory(PrintWriter stderr, Path state, RecordedRun run) {
        Map<String, Object> metadata = TrainingStateDirs.metadata(state).orElseThrow();
        List<String> problems = HistoryCheck.mismatches(TrainingStateDirs.savedHistory(metadata), run.replay().history());
        if (!problems.isEmpty()) {
            stderr.println("trainstream resume: warning: the history in " + state + " differs from the run's log; the state's "
                    + "is used: " + String.join("; ", problems));
            stderr.flush();
        }
    }
}
