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

    /**
     * Claims an existing slot directory when no live process holds it (for adopting what a dead
     * publisher left there); never creates one.
     *
     * @param slot a slot directory
     * @return the claimed slot, or null when it is held or gone
     */
    static SlotDirectory tryClaimExisting(Path slot) {
        if (!Files.isRegularFile(slot.resolve("lock"))) {
            return null;
        }
        try {
            return tryClaim(slot);
        } catch (OutboxUnavailableException e) {
            return null;
        }
    }

    /**
     * @param root the outbox root
     * @param logKey a log's key
     * @return the slot directories below that log's directory, whatever their state
     */
    static java.util.List<Path> slotsOf(Path root, String logKey) {
        Path logDir = root.resolve(sanitize(logKey));
        if (!Files.isDirectory(logDir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> list = Files.list(logDir)) {
            return list.filter(p -> p.getFileName().toString().startsWith("slot-") && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** @return a directory name made of the key's safe characters, readable for people */
    static String sanitize(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 120 ? safe.substring(0, 120) + "-" + Integer.toHexString(key.hashCode()) : safe;
    }

    Path dir() {
        return dir;
    }

    /**
     * Deletes the slot's files but its lock, then releases the lock: the slot stays, empty, for the next
     * publisher. Deleting the lock file itself would race with a process that has just opened it (it would
     * lock a file no longer in the directory and lose its slot under it), so slots of the current layout
     * are kept; their number is bounded by the most publishers ever live at once.
     */
    void clear() {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!file.equals(dir) && !file.getFileName().toString().equals("lock")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // a file that stays is looked at again by the next publisher that claims this slot
        } finally {
            close();
        }
    }

    /**
     * Deletes the slot's remaining files and the directory itself, then releases the lock. Only for a
     * slot of a layout no current publisher claims (an address-named log), whose entries were adopted.
     */
    void delete() {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!file.equals(dir) && !file.getFileName().toString().equals("lock")) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir.resolve("lock"));
        } catch (IOException e) {
            // a file that stays is retried by the next publisher that looks at this slot
        } finally {
            close();
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // another publisher created its lock file here meanwhile: the slot lives on
        }
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
