package io.trainstream.trainer.outbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The segment files of a slot, by the position of their first entry, and their total size. The map
 * is concurrent because {@link OutboxCursor}s look segments up while the owner adds and deletes them.
 */
final class Segments {

    private static final String PREFIX = "seg-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final ConcurrentSkipListMap<Long, Path> files = new ConcurrentSkipListMap<>();
    private final AtomicLong bytes = new AtomicLong();

    Segments(Path dir) {
        this.dir = dir;
    }

    /**
     * Lists the slot's segments, counts their entries and cuts a torn or corrupt tail off the last one.
     *
     * @param acked the marker's value, used as the first position when no segment exists
     * @return the position after the last whole entry
     */
    long recover(long acked) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .forEach(p -> files.put(firstPosition(p), p));
        }
        long tail = acked;
        for (Map.Entry<Long, Path> segment : new TreeMap<>(files).entrySet()) {
            long position = segment.getKey();
            long valid = 0;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment.getValue())))) {
                OutboxEntry entry;
                while ((entry = Frames.read(in, position)) != null) {
                    valid += entry.frameSize();
                    position++;
                }
            }
            long size = Files.size(segment.getValue());
            if (valid < size) {
                // a crash tore the last frame (or the disk corrupted one): nothing after it can be trusted
                try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.WRITE)) {
                    channel.truncate(valid);
                    channel.force(true);
                }
            }
            bytes.addAndGet(valid);
            tail = position;
        }
        return tail;
    }

    private static long firstPosition(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    long firstPosition() {
        return files.firstKey();
    }

    Path create(long firstPosition) throws IOException {
        Path file = dir.resolve(String.format("%s%020d%s", PREFIX, firstPosition, SUFFIX));
        Files.deleteIfExists(file);
        Files.createFile(file);
        files.put(firstPosition, file);
        return file;
    }

    void grow(long written) {
        bytes.addAndGet(written);
    }

    long bytes() {
        return bytes.get();
    }

    /** Deletes every segment that a later segment follows and whose entries all lie below the position. */
    void deleteBelow(long acked) throws IOException {
        while (files.size() > 1) {
            Map.Entry<Long, Path> first = files.firstEntry();
            Long next = files.higherKey(first.getKey());
            if (next == null || next > acked) {
                return;
            }
            long size = Files.size(first.getValue());
            Files.deleteIfExists(first.getValue());
            files.remove(first.getKey());
            bytes.addAndGet(-size);
        }
    }

    /** @return the segment holding a position (the one with the greatest first position at or below it), or null */
    Map.Entry<Long, Path> holding(long position) {
        Map.Entry<Long, Path> floor = files.floorEntry(position);
        return floor != null ? floor : files.ceilingEntry(position);
    }

    /** @return the segment after the one starting at {@code first}, or null */
    Map.Entry<Long, Path> after(long first) {
        return files.higherEntry(first);
    }

    InputStream open(Path file) throws IOException {
        return Files.newInputStream(file);
    }

    Map<Long, Path> files() {
        return Map.copyOf(files);
    }
}
