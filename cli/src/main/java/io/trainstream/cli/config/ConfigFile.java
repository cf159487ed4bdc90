package io.trainstream.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a config file into flat string keys: a {@code .properties} file as it is, a JSON object with
 * scalar values (a nested {@code "producer": {...}} object becomes {@code producer.<key>} keys).
 * {@code train.<option>} keys hold a training setup ({@code trainstream train --config}). Unknown keys are
 * refused, naming the file and the key.
 */
public final class ConfigFile {

    /** Keys a config file may hold, besides {@code producer.*}. */
    static final Set<String> KEYS = Set.of("bootstrap-servers", "events-topic", "runs-topic", "connect-timeout", "broker-idle",
            "events-partitions");
    /** Prefix of Kafka client settings. */
    static final String PRODUCER_PREFIX = "producer.";
    /** Prefix of {@code train} settings ({@code train.epochs=20}); the train command checks their names. */
    public static final String TRAIN_PREFIX = "train.";

    private ConfigFile() {
    }

    /**
     * @param file a JSON ({@code .json}) or properties file
     * @return its keys and values
     * @throws ConfigException naming the file (and key) when it is missing, malformed or has unknown keys
     */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = file.toString().endsWith(".json") ? readJson(file) : readProperties(file);
        for (String key : values.keySet()) {
            if (!KEYS.contains(key) && !(key.startsWith(PRODUCER_PREFIX) && key.length() > PRODUCER_PREFIX.length())
                    && !(key.startsWith(TRAIN_PREFIX) && key.length() > TRAIN_PREFIX.length())) {
                throw new ConfigException("config file " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(KEYS))
                        + ", producer.<kafka setting>, train.<train option>)");
            }
        }
        return values;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(key -> values.put(key, props.getProperty(key).trim()));
        return values;
    }

    private static Map<String, String> readJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + ": expected a JSON object at the top");
        }
        Map<String, String> values = new TreeMap<>();
        flatten(file, "", root, values);
        return values;
    }

    private static void flatten(Path file, String prefix, JsonNode node, Map<String, String> values) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && prefix.isEmpty() && ((key + ".").equals(PRODUCER_PREFIX) || (key + ".").equals(TRAIN_PREFIX))) {
                flatten(file, key + ".", value, values);
            } else if (value.isValueNode() && !value.isNull()) {
                values.put(key, value.asText());
            } else {
                throw new ConfigException("config file " + file + ": key '" + key + "' must be a string or a number");
            }
        }
    }
}
