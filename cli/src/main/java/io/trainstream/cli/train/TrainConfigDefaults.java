package io.trainstream.cli.train;

import io.trainstream.cli.config.ConfigException;
import io.trainstream.cli.config.ConfigFile;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Supplies {@code train}'s option defaults from the {@code train.<option>} keys of the config file
 * ({@code --config FILE} or {@code TRAINSTREAM_CONFIG}), so a setup written down (or printed by {@code runs
 * --config-of}) can be trained again; an option on the command line still wins. Picocli applies defaults
 * before it reads {@code --config}, so the file is found by scanning the raw arguments.
 */
public final class TrainConfigDefaults implements IDefaultValueProvider {

    /** Options that are not training settings and so cannot come from the file. */
    private static final Set<String> NOT_SETTINGS = Set.of("config", "help", "version", "verbose", "bootstrap-servers",
            "events-topic", "runs-topic", "connect-timeout", "quiet", "json");

    private final Path file;
    private final CommandLine train;
    private Map<String, String> values;

    private TrainConfigDefaults(Path file, CommandLine train) {
        this.file = file;
        this.train = train;
    }

    /**
     * Installs the provider on the train command when a config file is named.
     *
     * @param train the train command
     * @param args the raw command line
     * @param environmentConfig {@code TRAINSTREAM_CONFIG}, or null
     */
    public static void install(CommandLine train, String[] args, String environmentConfig) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            }
        }
        if (file == null && environmentConfig != null && !environmentConfig.isBlank()) {
            file = Path.of(environmentConfig);
        }
        if (file != null) {
            train.setDefaultValueProvider(new TrainConfigDefaults(file, train));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^--", "");
        return load().get(name);
    }

    private Map<String, String> load() {
        if (values == null) {
            Map<String, String> all;
            try {
                all = ConfigFile.read(file);
            } catch (ConfigException e) {
                throw new ParameterException(train, e.getMessage());
            }
            Set<String> known = train.getCommandSpec().options().stream().map(o -> o.longestName().replaceFirst("^--", ""))
                    .filter(name -> !NOT_SETTINGS.contains(name)).collect(Collectors.toCollection(TreeSet::new));
            values = all.entrySet().stream().filter(e -> e.getKey().startsWith(ConfigFile.TRAIN_PREFIX))
                    .collect(Collectors.toMap(e -> e.getKey().substring(ConfigFile.TRAIN_PREFIX.length()), Map.Entry::getValue));
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new ParameterException(train, "config file " + file + ": unknown key 'train." + key + "' (train keys: "
                            + String.join(", ", known) + ")");
                }
            }
        }
        return values;
    }
}
