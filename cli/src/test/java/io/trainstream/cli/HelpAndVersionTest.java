package io.trainstream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help text, --version, typo suggestions, refused options and output paths: no broker needed. */
class HelpAndVersionTest {

    @TempDir
    Path home;

    @Test
    void versionPrintsTheVersionOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"train", "--version"}, new String[] {"runs", "--version"})) {
            CliRun run = CliRun.run(home, args);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines().get(0)).isEqualTo("trainstream " + VersionInfo.VERSION);
            assertThat(run.out()).contains("Java ", "DJL 0.", "Kafka clients ").doesNotContain("unknown");
        }
    }

    @Test
    void everyCommandSummaryIsAWholeSentenceAndExitCodesAreListed() {
        CliRun run = CliRun.run(home, "--help");

        List<String> lines = run.outLines().stream()
                .dropWhile(line -> !line.startsWith("Commands:")).skip(1).takeWhile(line -> !line.isBlank()).toList();
        // a summary wraps onto indented lines: join them, one entry per command
        List<String> summaries = String.join("\n", lines).replaceAll("\n {5,}", " ").lines().toList();
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(10).allSatisfy(line -> assertThat(line.strip()).endsWith("."));
        assertThat(run.out()).contains("130  interrupted by Ctrl-C", "2    bad usage");
        // every help line fits an 80-column terminal, so picocli does not break footer lines mid-phrase
        assertThat(run.outLines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(run.out()).endsWith(System.lineSeparator());
    }

    @Test
    void optionsComeInOneOrderOnEveryCommand() {
        for (String command : List.of("train", "runs", "replay", "consume", "broker", "demo")) {
            String help = CliRun.run(home, command, "--help").out();

            int own = help.indexOf("Options:") >= 0 ? help.indexOf("Options:") : 0;
            assertThat(help.indexOf("--bootstrap-servers")).as(command).isGreaterThan(own);
            assertThat(help.indexOf("--verbose")).as(command).isLessThan(help.indexOf("--help"));
            assertThat(help.indexOf("--help")).as(command).isLessThan(help.indexOf("--version"));
            assertThat(help).as(command).contains("Exit codes:");
        }
        String train = CliRun.run(home, "train", "--help").out();
        assertThat(train.indexOf("--data")).isLessThan(train.indexOf("--epochs"));
        assertThat(train.indexOf("--json")).isLessThan(train.indexOf("--bootstrap-servers"));
    }

    @Test
    void aMistypedOptionOrCommandGetsASuggestionOnTheSameLine() {
        CliRun option = CliRun.run(home, "train", "--epoch", "3");
        CliRun command = CliRun.run(home, "trian");

        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.errLines()).singleElement().asString().contains("did you mean: --epochs");
        assertThat(command.errLines()).singleElement().asString().contains("did you mean: train");
    }

    @Test
    void theBrokerRefusesTopicOptionsItWouldIgnore() {
        CliRun run = CliRun.run(home, "broker", "--events-topic", "mine");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("--events-topic does not apply to 'broker'");
    }

    @Test
    void anUnwritablePlotIsOneLineBeforeAnyKafkaWork() {
        CliRun run = CliRun.run(home, "replay", "run-x", "--plot", "/proc/x.png", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("trainstream replay: --plot: cannot write /proc/x.png (");
    }
}
