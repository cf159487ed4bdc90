package io.trainstream.trainer.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.trainer.schedule.LrScheduler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One portable checkpoint file: the model's weights, optionally the optimizer's and the scheduler's
 * state, and extra top-level entries (the reference's {@code checkpoint_kwargs}). The file is a zip
 * with one entry per section; it is written to a temporary file and moved into place, so a crash while
 * saving never leaves a half-written checkpoint where a good one was.
 */
public final class Checkpoints {

    /** Entry holding the model weights. */
    public static final String MODEL = "model_state_dict";
    /** Entry holding the optimizer state. */
    public static final String OPTIMIZER = "optimizer_state_dict";
    /** Entry holding the scheduler state. */
    public static final String SCHEDULER = "scheduler_state_dict";
    private static final String EXTRAS = "extras.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {}

    /**
     * @param file where to write
     * @param model whose weights to save
     * @param optimizer whose state to save, or null
     * @param scheduler whose state to save, or null
     * @param extras extra top-level entries (JSON-serialisable values)
     * @throws CheckpointException naming the file when it cannot be written
     */
    public static void save(Path file, Model model, Optimizer optimizer, LrScheduler scheduler,
            Map<String, ?> extras) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                DataOutputStream data = new DataOutputStream(zip);
                zip.putNextEntry(new ZipEntry(MODEL));
                model.getBlock().saveParameters(data);
                data.flush();
                zip.closeEntry();
                if (optimizer != null) {
                    zip.putNextEntry(new ZipEntry(OPTIMIZER));
                    OptimizerStateIO.write(optimizer, model.getBlock(), data);
                    data.flush();
                    zip.closeEntry();
                }
                if (scheduler != null) {
                    zip.putNextEntry(new ZipEntry(SCHEDULER));
                    writeJson(zip, scheduler.state());
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(EXTRAS));
                writeJson(zip, extras == null ? Map.of() : extras);
                zip.closeEntry();
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e, e);
        }
    }

    /**
     * Loads a checkpoint into a model and, when asked and present, into an optimizer and a scheduler.
     *
     * @param file the checkpoint
     * @param model receives the weights (always)
     * @param optimizer receives the optimizer state, or null
     * @param scheduler receives the scheduler state, or null
     * @param loadOptimizer whether to load the optimizer state when present
     * @param loadScheduler whether to load the scheduler state when present
     * @return the extra entries the checkpoint was saved with (the user's keys only; see {@link #sections}
     *     for which sections the file holds)
     * @throws CheckpointException when the file is missing or corrupt, or a section has no target
     */
    public static Map<String, Object> load(Path file, Model model, Optimizer optimizer, LrScheduler scheduler,
            boolean loadOptimizer, boolean loadScheduler) {
        Map<String, Object> result = new LinkedHashMap<>();
        boolean sawModel = false;
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                DataInputStream data = new DataInputStream(zip);
                switch (entry.getName()) {
                    case MODEL -> {
                        model.getBlock().loadParameters(model.getNDManager(), data);
                        sawModel = true;
                    }
                    case OPTIMIZER -> {
                        if (loadOptimizer) {
                            if (optimizer == null) {
                                throw new CheckpointException("checkpoint " + file
                                        + " holds optimizer state but the trainer has no optimizer");
                            }
                            OptimizerStateIO.read(optimizer, model.getBlock(), data, model.getNDManager());
                        }
                    }
                    case SCHEDULER -> {
                        Map<String, Double> state = JSON.readValue(zip.readAllBytes(), new TypeReference<>() {});
                        if (loadScheduler) {
                            if (scheduler == null) {
                                throw new CheckpointException("checkpoint " + file + " holds scheduler state but the "
                                        + "trainer has no scheduler; load it with loadScheduler=false");
                            }
                            scheduler.loadState(state);
                        }
                    }
                    case EXTRAS -> result.putAll(JSON.readValue(zip.readAllBytes(), new TypeReference<Map<String, Object>>() {}));
                    default -> { }
                }
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint file not found: " + file.toAbsolutePath(), e);
        } catch (IOException | MalformedModelException e) {
            throw new CheckpointException("cannot read checkpoint " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!sawModel) {
            throw new CheckpointException("checkpoint " + file.toAbsolutePath() + " holds no model weights");
        }
        return result;
    }

    /**
     * @param file a checkpoint
     * @return the sections it holds: {@link #MODEL}, and {@link #OPTIMIZER} / {@link #SCHEDULER} when saved
     * @throws CheckpointException when the file is missing or unreadable
     */
    public static java.util.Set<String> sections(Path file) {
        java.util.Set<String> sections = new java.util.LinkedHashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.getName().equals(EXTRAS)) {
                    sections.add(entry.getName());
                }
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint file not found: " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return java.util.Set.copyOf(sections);
    }

    private static void writeJson(OutputStream out, Object value) throws IOException {
        out.write(JSON.writeValueAsBytes(value));
    }

    /** @return the JSON mapper used for metadata files */
    static ObjectMapper json() {
        return JSON;
    }

}
