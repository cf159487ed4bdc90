package io.trainstream.cli.replay;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.cli.train.EarlyStoppingSpec;
import io.trainstream.trainer.WhatIfAnalysis;
import io.trainstream.trainer.WhatIfReport;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.TerminateOnNaNCallback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code trainstream whatif <run-id>}: runs fresh in-process callbacks over a recorded run's events,
 * without retraining, and prints what they would have done.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask in-process callbacks what they would have done on a recorded run, without retraining,",
                "e.g. --early-stopping patience=2,threshold=0.001 -> 'would have stopped after epoch 7; best ...'."})
public final class WhatIfCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The recorded run.")
    private String runId;

    @Option(names = "--early-stopping", paramLabel = "K=V,...", arity = "0..1", fallbackValue = "",
            converter = EarlyStoppingSpec.Converter.class,
            description = "patience=N,threshold=X,metric=NAME,mode=min|max (defaults 1, 0.01, eval_loss_epoch, min).")
    private EarlyStoppingSpec earlyStopping;

    @Option(names = "--save-best", paramLabel = "K=V,...", arity = "0..1", fallbackValue = "",
            converter = SaveBestSpec.Converter.class,
            description = "Which epoch best-model saving would keep: metric=NAME,mode=min|max (defaults eval_loss_epoch, min).")
    private SaveBestSpec saveBest;

    @Option(names = "--terminate-on-nan", description = "Whether a NaN loss would have ended the run.")
    private boolean terminateOnNan;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public WhatIfCommand() {
    }

    /** Reads the run, asks the callbacks, prints the answer. */
    @Override
    public Integer call() {
        List<TrainerCallback> callbacks = new ArrayList<>();
        if (terminateOnNan) {
            callbacks.add(new TerminateOnNaNCallback());
        }
        if (earlyStopping != null) {
            callbacks.add(earlyStopping.toCallback());
        }
        if (saveBest != null) {
            callbacks.add(saveBest.toCallback());
        }
        if (callbacks.isEmpty()) {
            throw new UsageException("name at least one callback: --early-stopping, --save-best or --terminate-on-nan");
        }
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        PrintWriter stdout = spec.commandLine().getOut();
        try (EventLog log = EventLog.connect(settings)) {
            WhatIfReport report;
            RecordedRun run;
            // one pass over the log: the callbacks see each event as the replay does, none is kept
            try (WhatIfAnalysis.Session whatIf = WhatIfAnalysis.start(callbacks)) {
                run = RecordedRun.read(log, runId, spec.commandLine().getErr(), "whatif", whatIf);
                report = whatIf.report();
            }
            stdout.println("recorded: " + run.replay().status() + " after " + run.replay().epochsCompleted() + " epoch(s)");
            stdout.println("what if: " + report.summary());
            stdout.flush();
            return ExitCodes.OK;
        }
    }
}
