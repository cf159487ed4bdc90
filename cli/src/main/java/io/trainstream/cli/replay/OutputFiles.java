package io.trainstream.cli.replay;

import io.trainstream.cli.UsageException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that output files can be written before any work is done, so that a bad path is one line
 * naming the option, not a failure (or a library's stack trace, as ImageIO prints) after the run was read.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param file the file an option names, or null
     * @param option the option, for the message
     * @throws UsageException when the file's directory cannot be created or the file cannot be opened for writing
     */
    static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        boolean existed = Files.exists(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream probe = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // opened for writing, nothing written: an existing file keeps its content until the real write
            }
            if (!existed) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(option + ": cannot write " + file + " (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String kind = e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT)
                .replace(" exception", "");
        return message.isEmpty() || message.equals(e.getClass().getName()) ? kind : kind + ": " + message;
    }
}
