package io.trainstream.cli.config;

import io.trainstream.cli.CliEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves each setting in the order flag, environment variable, config file, default.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>flag</th><th>environment</th><th>config key</th><th>default</th></tr>
 * <tr><td>--bootstrap-servers</td><td>TRAINSTREAM_BOOTSTRAP_SERVERS</td><td>bootstrap-servers</td><td>embedded broker</td></tr>
 * <tr><td>--events-topic</td><td>TRAINSTREAM_EVENTS_TOPIC</td><td>events-topic</td><td>trainstream.events</td></tr>
 * <tr><td>--runs-topic</td><td>TRAINSTREAM_RUNS_TOPIC</td><td>runs-topic</td><td>trainstream.runs</td></tr>
 * <tr><td>--connect-timeout</td><td>TRAINSTREAM_CONNECT_TIMEOUT</td><td>connect-timeout</td><td>15 (seconds)</td></tr>
 * <tr><td></td><td>TRAINSTREAM_BROKER_IDLE</td><td>broker-idle</td><td>600 (seconds; 0: never)</td></tr>
 * <tr><td></td><td>TRAINSTREAM_EVENTS_PARTITIONS</td><td>events-partitions</td><td>3</td></tr>
 * <tr><td></td><td>TRAINSTREAM_KAFKA_&lt;SETTING&gt;</td><td>producer.&lt;setting&gt;</td><td></td></tr>
 * <tr><td>--config</td><td>TRAINSTREAM_CONFIG</td><td></td><td>none</td></tr>
 * </table>
 *
 * <p>{@code TRAINSTREAM_KAFKA_SASL_MECHANISM=PLAIN} sets the Kafka client setting {@code sasl.mechanism}
 * (lower case, {@code _} becomes {@code .}), as the trainer's {@code KafkaPublisherConfig} reads it.
 */
public final class SettingsResolver {

    /** Environment variable: bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS_ENV = "TRAINSTREAM_BOOTSTRAP_SERVERS";
    /** Environment variable: events topic. */
    public static final String EVENTS_TOPIC_ENV = "TRAINSTREAM_EVENTS_TOPIC";
    /** Environment variable: runs topic. */
    public static final String RUNS_TOPIC_ENV = "TRAINSTREAM_RUNS_TOPIC";
    /** Environment variable: connect timeout in seconds. */
    public static final String CONNECT_TIMEOUT_ENV = "TRAINSTREAM_CONNECT_TIMEOUT";
    /** Environment variable: events topic partitions when created. */
    public static final String EVENTS_PARTITIONS_ENV = "TRAINSTREAM_EVENTS_PARTITIONS";
    /** Environment variable: seconds the local broker stays up with no command attached (0: until stopped). */
    public static final String BROKER_IDLE_ENV = "TRAINSTREAM_BROKER_IDLE";
    /** Environment variable: the config file. */
    public static final String CONFIG_ENV = "TRAINSTREAM_CONFIG";
    /** Prefix of environment variables that become Kafka client settings. */
    public static final String KAFKA_ENV_PREFIX = "TRAINSTREAM_KAFKA_";

    private SettingsResolver() {
    }

    /**
     * @param options the flags given
     * @param env the environment
     * @return the settings
     * @throws ConfigException when the config file or a value is bad, naming the file or variable and key
     */
    public static CliSettings resolve(CommonOptions options, CliEnvironment env) {
        Path configPath = options.configFile != null ? options.configFile
                : env.get(CONFIG_ENV) != null ? Path.of(env.get(CONFIG_ENV)) : null;
        Map<String, String> file = configPath == null ? Map.of() : ConfigFile.read(configPath);
        String source = configPath == null ? "" : "config file " + configPath;

        String bootstrap = pick(options.bootstrapServers, env.get(BOOTSTRAP_SERVERS_ENV), file.get("bootstrap-servers"), null);
        String eventsTopic = pick(options.eventsTopic, env.get(EVENTS_TOPIC_ENV), file.get("events-topic"),
                CliSettings.DEFAULT_EVENTS_TOPIC);
        String runsTopic = pick(options.runsTopic, env.get(RUNS_TOPIC_ENV), file.get("runs-topic"), CliSettings.DEFAULT_RUNS_TOPIC);
        if (eventsTopic.equals(runsTopic)) {
            throw new ConfigException("the events and runs topics must differ, both are '" + eventsTopic + "'");
        }
        int timeout = options.connectTimeoutSeconds != null ? positive(options.connectTimeoutSeconds, "--connect-timeout")
                : env.get(CONNECT_TIMEOUT_ENV) != null ? number(env.get(CONNECT_TIMEOUT_ENV), "environment variable " + CONNECT_TIMEOUT_ENV)
                : file.containsKey("connect-timeout") ? number(file.get("connect-timeout"), source + ": key 'connect-timeout'")
                : (int) CliSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds();
        int partitions = env.get(EVENTS_PARTITIONS_ENV) != null
                ? number(env.get(EVENTS_PARTITIONS_ENV), "environment variable " + EVENTS_PARTITIONS_ENV)
                : file.containsKey("events-partitions") ? number(file.get("events-partitions"), source + ": key 'events-partitions'")
                : CliSettings.DEFAULT_EVENTS_PARTITIONS;
        long idle = env.get(BROKER_IDLE_ENV) != null ? seconds(env.get(BROKER_IDLE_ENV), "environment variable " + BROKER_IDLE_ENV)
                : file.containsKey("broker-idle") ? seconds(file.get("broker-idle"), source + ": key 'broker-idle'")
                : CliSettings.DEFAULT_BROKER_IDLE.toSeconds();

        Map<String, String> kafka = new TreeMap<>();
        file.forEach((key, value) -> {
            if (key.startsWith(ConfigFile.PRODUCER_PREFIX)) {
                kafka.put(key.substring(ConfigFile.PRODUCER_PREFIX.length()), value);
            }
        });
        env.variables().forEach((key, value) -> {
            if (key.startsWith(KAFKA_ENV_PREFIX) && key.length() > KAFKA_ENV_PREFIX.length()) {
                kafka.put(key.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return new CliSettings(bootstrap, eventsTopic, runsTopic, partitions, Duration.ofSeconds(timeout), kafka,
                env.trainstreamHome(), options.verbose, Duration.ofSeconds(idle));
    }

    private static String pick(String flag, String env, String file, String fallback) {
        for (String value : new String[] {flag, env, file}) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return fallback;
    }

    private static int number(String text, String where) {
        try {
            return positive(Integer.parseInt(text.trim()), where);
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + text + "' is not a whole number");
        }
    }

    private static long seconds(String text, String where) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new ConfigException(where + ": must be 0 (never stop) or more seconds, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + text + "' is not a whole number of seconds");
        }
    }

    private static int positive(int value, String where) {
        if (value < 1) {
            throw new ConfigException(where + ": must be at least 1, was " + value);
        }
        return value;
    }
}
