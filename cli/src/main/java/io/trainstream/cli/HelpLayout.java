package io.trainstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;

/**
 * Makes every command's help alike: a one-sentence summary (shown whole in the top-level command list and
 * first in each command's help), options in declaration order (the command's own, then the common ones,
 * then help and version), {@code --version} on every command, and the exit codes in every footer.
 */
final class HelpLayout {

    /** One complete sentence per command; picocli's command list shows only the first line of a description. */
    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("demo", "Run everything at once: embedded Kafka, consumers, a dashboard and a training run."),
            Map.entry("train", "Train an MLP classifier or regressor on a CSV or bundled dataset, publishing every event."),
            Map.entry("predict", "Write predictions for a CSV file with a model saved by 'train --save-model'."),
            Map.entry("resume", "Continue a run cut short from its last saved training state, under the same run id."),
            Map.entry("runs", "List every run: id, name, status, start, duration, epochs and metrics."),
            Map.entry("events", "Print one run's events as JSON lines, in seq order."),
            Map.entry("replay", "Rebuild a run's history from its events; print, export, plot or re-drive it."),
            Map.entry("whatif", "Ask callbacks what they would have done on a recorded run, without retraining."),
            Map.entry("consume", "Run one consumer of the events topic until Ctrl-C."),
            Map.entry("broker", "Run the embedded Kafka broker in the foreground until Ctrl-C."),
            Map.entry("help", "Show the help of a command."));

    /** The exit codes, listed in every command's help. */
    static final String[] EXIT_CODES = {
        "",
        "Exit codes:",
        "  0    success",
        "  1    failure: Kafka unreachable, unknown run, training failed, events lost",
        "  2    bad usage: options, config file, data file",
        "  130  interrupted by Ctrl-C (a training run is ended as interrupted first)",
        ""
    };

    private HelpLayout() {
    }

    static void apply(CommandLine root) {
        layout(root);
        root.getSubcommands().values().forEach(HelpLayout::layout);
    }

    private static void layout(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.usageMessage().sortOptions(false);
        spec.versionProvider(new VersionInfo());
        String summary = SUMMARIES.get(spec.name());
        if (summary != null && spec.usageMessage().header().length == 0) {
            spec.usageMessage().header(summary);
        }
        if (!"help".equals(spec.name())) {
            String[] footer = spec.usageMessage().footer();
            String[] all = new String[footer.length + EXIT_CODES.length];
            System.arraycopy(footer, 0, all, 0, footer.length);
            System.arraycopy(EXIT_CODES, 0, all, footer.length, EXIT_CODES.length);
            spec.usageMessage().footer(all);
        }
    }
}
