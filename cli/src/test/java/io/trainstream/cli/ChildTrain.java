package io.trainstream.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code trainstream train} in its own JVM, as a user starts it, with its output in files under the
 * test's home, so fault tests can wait for its epochs and kill it.
 */
public final class ChildTrain implements AutoCloseable {

    private final Path home;
    private final Process process;
    private final Path stdout;

    private ChildTrain(Path home, Process process, Path stdout) {
        this.home = home;
        this.process = process;
        this.stdout = stdout;
    }

    /**
     * @param home the child's TRAINSTREAM_HOME
     * @param args the train command's arguments ("train" first or left out)
     * @return the started child
     */
    public static ChildTrain start(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), TrainstreamCli.class.getName()));
        if (args.length == 0 || !args[0].equals("train")) {
            command.add("train");
        }
        command.addAll(List.of(args));
        File out = home.resolve("child.out").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(home.resolve("child.err").toFile());
        builder.environment().put(CliEnvironment.HOME_ENV, home.toString());
        builder.environment().putIfAbsent("DJL_OFFLINE", "true");
        return new ChildTrain(home, builder.start(), out.toPath());
    }

    /** @return the run id the child printed */
    public String awaitRunId() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(stdout)) {
                if (line.startsWith("run id: ")) {
                    return line.substring("run id: ".length()).trim();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no run id printed (alive " + process.isAlive() + "): " + Files.readString(stdout)
                + Files.readString(home.resolve("child.err")));
    }

    /** Waits until the training state of an epoch is complete under {@code states/<run>}. */
    public void awaitState(Path states, String runId, int epoch) throws Exception {
        Path marker = states.resolve(runId).resolve("epoch_" + epoch).resolve("trainer_metadata.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(marker)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("epoch " + epoch + " state never written (alive " + process.isAlive() + "): "
                + Files.readString(home.resolve("child.err")));
    }

    /** Kills the child with SIGKILL while it still trains. */
    public void kill() throws Exception {
        assertThat(process.isAlive()).as("still training when killed").isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
