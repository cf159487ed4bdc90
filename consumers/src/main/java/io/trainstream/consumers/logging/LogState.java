package io.trainstream.consumers.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainstream.consumers.runtime.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the logging consumer knows, saved at each flush next to its output: per run the last seq
 * handled, its name and its latest metric values; and the output's durable length. Values are saved
 * with {@link Double#toString} so NaN, infinities and every bit of a double survive.
 */
final class LogState {

    /** One run's state. */
    static final class Run {
        long lastSeq = -1;
        String name;
        boolean ended;
        final Map<String, Double> latest = new LinkedHashMap<>();
        // an epoch end whose metrics are logged at the next event that is not a metric change
        LogTrigger pending;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, Run> runs = new HashMap<>();
    long outputLength;

    static LogState load(Path file) {
        LogState state = new LogState();
        if (!Files.exists(file)) {
            return state;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            state.outputLength = root.path("output_length").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("runs").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode node = entry.getValue();
                Run run = new Run();
                run.lastSeq = node.path("last_seq").asLong(-1);
                run.name = node.hasNonNull("name") ? node.get("name").asText() : null;
                run.ended = node.path("ended").asBoolean();
                node.path("latest").fields().forEachRemaining(m -> run.latest.put(m.getKey(),
                        Double.parseDouble(m.getValue().asText())));
                JsonNode pending = node.path("pending");
                if (pending.isObject()) {
                    run.pending = new LogTrigger(entry.getKey(), run.name, pending.get("epoch").asInt(),
                            pending.get("event").asText(), pending.get("seq").asLong());
                }
                state.runs.put(entry.getKey(), run);
            }
            return state;
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("logging consumer state " + file + " is unreadable: " + e.getMessage()
                    + " (delete it and the output file to start over)", e instanceof IOException io ? io : new IOException(e));
        }
    }

    void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("output_length", outputLength);
        ObjectNode runsNode = root.putObject("runs");
        runs.forEach((id, run) -> {
            ObjectNode node = runsNode.putObject(id);
            node.put("last_seq", run.lastSeq);
            if (run.name != null) {
                node.put("name", run.name);
            }
            node.put("ended", run.ended);
            ObjectNode latest = node.putObject("latest");
            run.latest.forEach((name, value) -> latest.put(name, Double.toString(value)));
            if (run.pending != null) {
                node.putObject("pending").put("epoch", run.pending.epoch()).put("event", run.pending.event())
                        .put("seq", run.pending.seq());
            }
        });
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
