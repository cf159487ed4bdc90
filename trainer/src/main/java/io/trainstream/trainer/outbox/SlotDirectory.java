package io.trainstream.trainer.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The slot directory one publisher owns, below {@code <root>/<log key>/}: the first {@code slot-N}
 * whose lock file is not held by a live process. A slot left by a crashed process is unlocked, so the
 * next publisher for the same log takes it over, with whatever it left undelivered. Two live
 * publishers never share a slot.
 */
final class SlotDirectory implements AutoCloseable {

    private static final int MAX_SLOTS = 64;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SlotDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @param root the outbox root
     * @param logKey names the cluster and topic, so leftovers are only ever sent where they belong
     * @return the claimed slot
     * @throws OutboxUnavailableException when the root cannot be written or every slot is taken
     */
    static SlotDirectory claim(Path root, String logKey) {
        Path logDir = root.resolve(sanitize(logKey));
        try {
            Files.createDirectories(logDir);
        } catch (IOException | SecurityException e) {
            throw new OutboxUnavailableException(root, "create " + logDir, e);
        }
        if (!Files.isWritable(logDir)) {
            throw new OutboxUnavailableException(logDir, "write (permission denied)", null);
        }
        for (int i = 0; i < MAX_SLOTS; i++) {
            Path slot = logDir.resolve("slot-" + i);
            SlotDirectory claimed = tryClaim(slot);
            if (claimed != null) {
                return claimed;
            }
        }
        throw new OutboxUnavailableException(logDir, "claim a slot: all " + MAX_SLOTS + " are held by live publishers",
                null);
    }

    private static SlotDirectory tryClaim(Path slot) {
        FileChannel channel = null;
        try {
            Files.createDirectories(slot);
            channel = FileChannel.open(slot.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new SlotDirectory(slot, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another publisher in this JVM
        } catch (IOException | SecurityException e) {
            closeQuietly(channel);
            throw new OutboxUnavailableException(slot, "create or lock", e);
        }
        closeQuietly(channel);
        return null;
    }

    /** @return a directory name made of the key's safe characters, readable for people */
    static String sanitize(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 120 ? safe.substring(0, 120) + "-" + Integer.toHexString(key.hashCode()) : safe;
    }

    Path dir() {
        return dir;
    }

    /** Releases the lock; the directory and its files stay. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to add
            }
        }
    }
}
