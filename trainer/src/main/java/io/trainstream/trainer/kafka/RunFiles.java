package io.trainstream.trainer.kafka;

import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The latest run summary of each open run, kept next to the outbox ({@code runs/<hex run id>.summary}),
 * so that a publisher that takes over a crashed predecessor's outbox can mark its runs CRASHED in the
 * runs index with the right partition and offsets, even when their start events were delivered long
 * ago. Written by the sender thread; a file is removed once its run's final summary is on the topic.
 */
final class RunFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RunFiles.class);
    private static final String SUFFIX = ".summary";

    private final Path dir;

    RunFiles(Path slotDir) {
        this.dir = slotDir.resolve("runs");
    }

    void write(RunSummary summary) {
        try {
            Files.createDirectories(dir);
            Path file = file(summary.getRunId());
            Path temp = dir.resolve(file.getFileName() + ".tmp");
            Files.write(temp, RunSummaryCodec.encode(summary));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("run file of run {} not written in {}: {}", summary.getRunId(), dir, e.toString());
        }
    }

    void delete(String runId) {
        try {
            Files.deleteIfExists(file(runId));
        } catch (IOException e) {
            LOG.warn("run file of run {} not deleted in {}: {}", runId, dir, e.toString());
        }
    }

    /** @return every readable run file's summary; unreadable ones are logged and skipped */
    List<RunSummary> loadAll() {
        List<RunSummary> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(SUFFIX)).sorted().toList()) {
                try {
                    out.add(RunSummaryCodec.decode(Files.readAllBytes(file)));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("run file {} is unreadable and ignored: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("run files in {} not listed: {}", dir, e.toString());
        }
        return out;
    }

    private Path file(String runId) {
        StringBuilder hex = new StringBuilder();
        for (byte b : runId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        return dir.resolve(hex + SUFFIX);
    }
}
