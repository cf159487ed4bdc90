package io.trainstream.consumers.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only output file whose durable length a sink records at each flush. Opening it cuts off
 * whatever was appended after that length (by a process that crashed before its next flush), so the
 * re-delivered events append those bytes again exactly once.
 *
 * <p>Not thread-safe.
 */
public final class CheckpointedFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    /**
     * Opens (creating it when missing) and truncates the file to its last durable length.
     *
     * @param path the file
     * @param durableLength the length recorded at the last flush (0 for a new file)
     * @throws UncheckedIOException when the file cannot be opened
     */
    public CheckpointedFile(Path path, long durableLength) {
        this.path = path;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(durableLength);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends bytes (written through to the OS, not yet forced to disk).
     *
     * @param bytes what to append
     */
    public void append(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forces everything appended to disk.
     *
     * @return the file's length, to record as its durable length
     */
    public long force() {
        try {
            channel.force(false);
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException("could not sync " + path + ": " + e.getMessage(), e);
        }
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** Closes the file without forcing it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + path + ": " + e.getMessage(), e);
        }
    }
}
