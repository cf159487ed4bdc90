package io.trainstream.trainer.outbox;

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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Segments.class);

    private static final String PREFIX = "seg-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final ConcurrentSkipListMap<Long, Path> files = new ConcurrentSkipListMap<>();
    private final AtomicLong bytes = new AtomicLong();

    Segments(Path dir) {
        this.dir = dir;
    }

    /**
     * Lists the slot's segments and checks every frame. A torn tail (what a crash leaves while writing)
     * is cut off. A damaged stretch between intact frames is skipped and named in a warning: every intact
     * frame after it is kept, and since positions after it can no longer be trusted, the leftovers from
     * the damage on are rewritten into one fresh segment and must all be resent (resending an
     * acknowledged entry only repeats identical bytes, which readers drop).
     *
     * @param acked the marker's value, used as the first position when no segment exists
     * @return the position after the last entry, and from where entries must be resent whatever the marker says
     */
    Recovered recover(long acked) throws IOException {
        SegmentRewrite.finishInterrupted(dir);
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .forEach(p -> files.put(firstPosition(p), p));
        }
        Map<Long, SegmentScan> scans = new TreeMap<>();
        long firstDamaged = -1;
        for (Map.Entry<Long, Path> segment : new TreeMap<>(files).entrySet()) {
            SegmentScan scan = SegmentScan.of(segment.getValue(), segment.getKey());
            scans.put(segment.getKey(), scan);
            if (scan.damaged() && firstDamaged < 0) {
                firstDamaged = scan.firstDamagedPosition();
            }
        }
        if (firstDamaged >= 0) {
            return rewrite(scans, Math.max(Math.min(acked, firstDamaged), files.firstKey()));
        }
        long tail = acked;
        for (Map.Entry<Long, SegmentScan> segment : scans.entrySet()) {
            SegmentScan scan = segment.getValue();
            if (scan.tornTailBytes() > 0) {
                Path file = files.get(segment.getKey());
                LOG.info("event outbox {}: cut {} bytes of a torn last frame off {}", dir, scan.tornTailBytes(),
                        file.getFileName());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(scan.validBytes());
                    channel.force(true);
                }
            }
            bytes.addAndGet(scan.validBytes());
            tail = segment.getKey() + scan.entries().size();
        }
        return new Recovered(tail, Long.MAX_VALUE);
    }

    private Recovered rewrite(Map<Long, SegmentScan> scans, long start) throws IOException {
        for (SegmentScan scan : scans.values()) {
            for (SegmentScan.Damage damage : scan.damage()) {
                LOG.warn("event outbox {}: {}: skipped; every intact frame after it is kept and delivered (the event "
                        + "between its neighbours is lost unless Kafka already has it)", dir, damage.describe());
            }
        }
        java.util.List<OutboxEntry> leftovers = new java.util.ArrayList<>();
        for (SegmentScan scan : scans.values()) {
            for (OutboxEntry entry : scan.entries()) {
                if (entry.position() >= start) {
                    leftovers.add(entry);
                }
            }
        }
        Path file = SegmentRewrite.write(dir, start, leftovers, files.values());
        files.clear();
        files.put(start, file);
        long kept = leftovers.size();
        bytes.set(Files.size(file));
        LOG.warn("event outbox {}: rewrote {} undelivered frames from position {} into {}; all of them are resent", dir,
                kept, start, file.getFileName());
        return new Recovered(start + kept, start);
    }

    /**
     * What recovery found.
     *
     * @param tail the position after the last entry
     * @param resendFrom entries from here on are resent even when the marker says they were acknowledged;
     *     {@link Long#MAX_VALUE} when the marker can be trusted
     */
    record Recovered(long tail, long resendFrom) {
    }

    static String segmentName(long firstPosition) {
        return String.format("%s%020d%s", PREFIX, firstPosition, SUFFIX);
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
        Path file = dir.resolve(segmentName(firstPosition));
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

    /** Deletes every segment file: only when all their entries are acknowledged. */
    void deleteAll() throws IOException {
        for (Map.Entry<Long, Path> segment : files.entrySet()) {
            Files.deleteIfExists(segment.getValue());
            files.remove(segment.getKey());
        }
        bytes.set(0);
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
