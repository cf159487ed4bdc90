package io.trainstream.cluster.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one cluster test's measured numbers to {@code target/cluster-results/<name>.json} and stdout. */
public final class ClusterResults {

    private ClusterResults() {}

    /**
     * @param name the scenario
     * @param numbers what was measured, in order
     */
    public static void write(String name, Map<String, Object> numbers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", name);
        out.put("time", Instant.now().toString());
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        out.putAll(numbers);
        try {
            Path dir = Path.of("target", "cluster-results");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            System.out.println("[cluster] " + name + " " + new ObjectMapper().writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
