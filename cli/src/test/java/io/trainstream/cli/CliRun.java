package io.trainstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the trainstream command in-process with captured stdout and stderr. */
public record CliRun(int exitCode, String out, String err, Duration took) {

    /**
     * @param home TRAINSTREAM_HOME for the run
     * @param env extra environment variables
     * @param args the command line
     * @return what the command did
     */
    public static CliRun run(Path home, Map<String, String> env, String... args) {
        Map<String, String> variables = new HashMap<>(env);
        variables.put(CliEnvironment.HOME_ENV, home.toString());
        // a local broker a test leaves behind goes away by itself soon (tests also stop it)
        variables.putIfAbsent("TRAINSTREAM_BROKER_IDLE", "30");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = TrainstreamCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                new CliEnvironment(variables, home));
        return new CliRun(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** As {@link #run(Path, Map, String...)} without extra environment variables. */
    public static CliRun run(Path home, String... args) {
        return run(home, Map.of(), args);
    }

    /** @return stdout's lines */
    public List<String> outLines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
    }

    /** @return stderr's non-empty lines */
    public List<String> errLines() {
        return Arrays.stream(err.split("\\R")).filter(line -> !line.isBlank()).toList();
    }
}
