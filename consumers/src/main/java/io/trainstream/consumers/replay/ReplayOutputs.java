package io.trainstream.consumers.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps replayed output apart from live output. A live consumer marks its output directory
 * ({@value #LIVE_MARKER}); a re-drive marks its own ({@value #REPLAY_MARKER}) and refuses a directory a
 * live consumer writes to, and a live consumer refuses a replay's directory. So a replay never adds
 * to, or overwrites, a live consumer's files.
 */
public final class ReplayOutputs {

    /** Marker file of a directory a live consumer writes to. */
    public static final String LIVE_MARKER = ".trainstream-live";
    /** Marker file of a directory a re-drive writes to. */
    public static final String REPLAY_MARKER = ".trainstream-replay";

    private ReplayOutputs() {}

    /**
     * @param dir a live consumer's output directory (created when missing)
     * @param consumer the consumer's name, written into the marker
     * @throws OutputDirectoryInUseException when a replay wrote to the directory
     */
    public static void claimForLive(Path dir, String consumer) {
        claim(dir, LIVE_MARKER, REPLAY_MARKER, consumer, "a replay wrote to it; live consumers need their own directory");
    }

    /**
     * @param dir a re-drive's output directory (created when missing)
     * @param consumer the consumer's name, written into the marker
     * @throws OutputDirectoryInUseException when a live consumer writes to the directory
     */
    public static void claimForReplay(Path dir, String consumer) {
        claim(dir, REPLAY_MARKER, LIVE_MARKER, consumer,
                "a live consumer writes there; a replay never touches live output, give it another --out directory");
    }

    private static void claim(Path dir, String own, String other, String consumer, String why) {
        if (Files.exists(dir.resolve(other))) {
            throw new OutputDirectoryInUseException("cannot write " + consumer + " output to " + dir.toAbsolutePath() + ": " + why);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(own), consumer + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir.toAbsolutePath(), e);
        }
    }
}
