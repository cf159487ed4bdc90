package io.trainstream.trainer.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one fault test's measured numbers to {@code target/reliability/<name>.json} for RELIABILITY.md. */
public final class ReliabilityResults {

    private ReliabilityResults() {}

    /**
     * @param name the fault's file name
     * @param numbers what was measured, in order
     */
    public static void write(String name, Map<String, Object> numbers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fault", name);
        out.put("time", Instant.now().toString());
        out.put("machine", machine());
        out.putAll(numbers);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
            Files.writeString(dir.resolve(name + ".json"), json);
            System.out.println("[reliability] " + name + " " + new ObjectMapper().writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " cpus, Java " + System.getProperty("java.version");
    }
}
