package io.trainstream.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the command reads from its surroundings: environment variables and the user's home directory.
 * Tests pass their own instead of the process's.
 *
 * @param variables environment variables
 * @param userHome the user's home directory, for the {@code ~/.trainstream} default
 */
public record CliEnvironment(Map<String, String> variables, Path userHome) {

    /** Environment variable: where trainstream keeps its state (default {@code ~/.trainstream}). */
    public static final String HOME_ENV = "TRAINSTREAM_HOME";

    /** Copies the variables. */
    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(userHome, "userHome");
    }

    /** @return the process's environment and {@code user.home} */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param name a variable name
     * @return its value, or null when unset or blank
     */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return {@code $TRAINSTREAM_HOME}, or {@code ~/.trainstream} */
    public Path trainstreamHome() {
        String home = get(HOME_ENV);
        return home != null ? Path.of(home) : userHome.resolve(".trainstream");
    }
}
