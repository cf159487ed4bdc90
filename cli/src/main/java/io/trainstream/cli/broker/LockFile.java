package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An OS file lock on one file, taken without blocking forever: the operating system releases it when
 * the process dies, even by SIGKILL, which is what makes it a liveness signal between processes.
 */
final class LockFile implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final Path path;
    private final FileChannel channel;
    private FileLock lock;

    private LockFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating) the file; takes no lock yet. */
    static LockFile open(Path path) {
        try {
            Files.createDirectories(path.getParent());
            return new LockFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new BrokerStartException("the Kafka data directory " + path.getParent() + " is not writable: " + e.getMessage(), e);
        }
    }

    /**
     * Tries once to take the lock.
     *
     * @param shared a shared lock (many holders) rather than an exclusive one
     * @return true when taken; false when another process (or another user in this JVM) holds it
     */
    boolean tryLock(boolean shared) {
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new BrokerStartException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the lock, retrying until the deadline.
     *
     * @param what what the lock is for, for the error
     * @throws BrokerStartException when it is still held by another at the deadline
     */
    void lock(boolean shared, Duration wait, String what) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!tryLock(shared)) {
            if (System.nanoTime() > deadline) {
                throw new BrokerStartException("gave up after " + wait.toSeconds() + " s waiting for " + what + " (" + path + ")");
            }
            sleep();
        }
    }

    /** Releases the lock, keeping the file open. */
    void unlock() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases it too
        } finally {
            lock = null;
        }
    }

    /** Releases the lock and closes the file. */
    @Override
    public void close() {
        unlock();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the local broker", e);
        }
    }
}
