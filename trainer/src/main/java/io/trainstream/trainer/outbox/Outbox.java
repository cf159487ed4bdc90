package io.trainstream.trainer.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A write-ahead log of encoded events in a claimed slot directory: append-only segment files
 * ({@code seg-<first position>.log}, frames as in {@link Frames}) and an {@code acked} marker file
 * holding the first position Kafka has not acknowledged.
 *
 * <p>{@link #append} buffers; {@link #sync} writes the buffer, fsyncs the segment, rewrites the marker
 * and deletes segments whose entries are all acknowledged. The owner calls {@code sync} in batches
 * (every N events or T ms), so a crash loses at most the last unsynced batch of <em>appends</em>, and
 * those events were not acknowledged to anyone either. On open, a slot left by a crashed process is
 * recovered: a torn last frame is cut off, and every entry from the marker on is {@linkplain
 * #leftovers() left over} for redelivery.
 *
 * <p>Threads: everything but {@link #acked}, {@link #ackedUpTo} and {@link #sizeBytes} belongs to one
 * thread (the publisher's sender thread).
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int WRITE_BUFFER = 64 << 10;

    private final OutboxSettings settings;
    private final SlotDirectory slot;
    private final Segments segments;
    private final AckMarker marker;
    private final AckWatermark watermark;
    private final long recoveredStart;
    private long recoveredTail;
    private long tail;
    private long currentSize;
    private BufferedOutputStream out;
    private java.io.FileOutputStream file;
    private boolean warned;

    private Outbox(OutboxSettings settings, SlotDirectory slot) throws IOException {
        this.settings = settings;
        this.slot = slot;
        this.segments = new Segments(slot.dir());
        this.marker = new AckMarker(slot.dir());
        long acked = marker.read();
        Segments.Recovered recovered = segments.recover(acked);
        this.tail = recovered.tail();
        long start;
        if (segments.isEmpty()) {
            start = tail;
        } else if (acked > tail) {
            // the marker can only lag the segments; a marker past them is damage: resend everything
            LOG.warn("event outbox {}: the acked marker says {} but the entries end at {}; ignored: every entry from {}"
                    + " is resent (readers drop the identical copies)", slot.dir(), acked, tail, segments.firstPosition());
            start = segments.firstPosition();
        } else {
            start = Math.max(Math.min(Math.min(acked, tail), recovered.resendFrom()), segments.firstPosition());
        }
        this.watermark = new AckWatermark(start);
        this.recoveredStart = start;
        this.recoveredTail = tail;
        marker.write(start);
        segments.deleteBelow(start);
    }

    /**
     * Claims a slot below the settings' directory for the given log, recovers what it holds, and adopts
     * what dead publishers left in the other slots of that log and of its aliases: their undelivered
     * entries are appended here (in their order) and their run files moved here, so they are delivered
     * and closed by this publisher; their slots are then removed. Slots of live publishers are left alone.
     *
     * @param settings where and how to store
     * @param logKey the log the events go to, e.g. {@code "trainstream.events@cluster-AbC123"}
     * @param aliasKeys other keys the same log was stored under (e.g. by its bootstrap address)
     * @return the open outbox
     * @throws OutboxUnavailableException when the directory cannot be created, written or locked
     */
    public static Outbox open(OutboxSettings settings, String logKey, java.util.List<String> aliasKeys) {
        Outbox outbox = open(settings, logKey);
        java.util.List<String> keys = new java.util.ArrayList<>();
        keys.add(logKey);
        keys.addAll(aliasKeys);
        SlotAdoption.adoptDeadSlots(outbox, keys);
        return outbox;
    }

    /**
     * Claims a slot below the settings' directory for the given log and recovers what it holds; does not
     * look at other slots.
     *
     * @param settings where and how to store
     * @param logKey the log the events go to
     * @return the open outbox
     * @throws OutboxUnavailableException when the directory cannot be created, written or locked
     */
    public static Outbox open(OutboxSettings settings, String logKey) {
        SlotDirectory slot = SlotDirectory.claim(settings.dir(), logKey);
        try {
            Outbox outbox = new Outbox(settings, slot);
            outbox.probeWritable();
            if (outbox.leftovers() > 0) {
                LOG.warn("event outbox {}: {} undelivered events left by an earlier publisher; delivering them first",
                        slot.dir(), outbox.leftovers());
            }
            return outbox;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            slot.close();
            throw new OutboxUnavailableException(slot.dir(), "write", e);
        }
    }

    /** Appends an adopted entry and counts it as left over (undelivered at open). */
    void adopt(OutboxEntry entry) {
        append(entry.runId(), entry.seq(), entry.value());
        recoveredTail = tail;
    }

    /** Opens a dead publisher's claimed slot, recovering it, for adoption. */
    static Outbox openClaimed(OutboxSettings settings, SlotDirectory slot) throws IOException {
        return new Outbox(settings, slot);
    }

    /** @return the slot (for adoption) */
    SlotDirectory slot() {
        return slot;
    }

    private void probeWritable() throws IOException {
        Path probe = slot.dir().resolve(".probe");
        Files.write(probe, new byte[] {1});
        Files.delete(probe);
    }

    /** @return the slot directory this outbox writes */
    public Path dir() {
        return slot.dir();
    }

    /** @return the settings */
    public OutboxSettings settings() {
        return settings;
    }

    /** @return entries found unacknowledged at open: left by a crashed or closed predecessor */
    public long leftovers() {
        return recoveredTail - recoveredStart;
    }

    /** @return the first position left over at open (equal to {@link #recoveredTail()} when none) */
    public long recoveredStart() {
        return recoveredStart;
    }

    /** @return the position after the last entry found at open */
    public long recoveredTail() {
        return recoveredTail;
    }

    /**
     * Appends one entry (buffered until the next {@link #sync}).
     *
     * @param runId the event's run
     * @param seq the event's seq
     * @param value the encoded event
     * @return the entry's position
     */
    public long append(String runId, long seq, byte[] value) {
        try {
            if (out == null || currentSize >= settings.segmentBytes()) {
                roll();
            }
            int written = Frames.write(out, runId, seq, value);
            currentSize += written;
            segments.grow(written);
            return tail++;
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "append to a segment", e);
        }
    }

    private void roll() throws IOException {
        closeSegment();
        file = new java.io.FileOutputStream(segments.create(tail).toFile(), true);
        out = new BufferedOutputStream(file, WRITE_BUFFER);
        currentSize = 0;
    }

    /** Writes buffered appends to the file (no fsync), so a {@link OutboxCursor} can read them. */
    public void flushBuffer() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "write a segment", e);
        }
    }

    /** Flushes, fsyncs the current segment, records the acknowledged position, deletes acknowledged segments. */
    public void sync() {
        try {
            flushBuffer();
            if (file != null) {
                file.getChannel().force(false);
            }
            long acked = watermark.get();
            marker.write(acked);
            segments.deleteBelow(acked);
            checkBound();
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "sync", e);
        }
    }

    private void checkBound() {
        long size = segments.bytes();
        if (!warned && size >= settings.maxBytes() * OutboxSettings.WARN_PERCENT / 100) {
            warned = true;
            LOG.warn("event outbox {} is {}% full ({} of {} bytes undelivered); at the bound the publisher will {}",
                    slot.dir(), size * 100 / settings.maxBytes(), size, settings.maxBytes(),
                    settings.fullPolicy() == FullPolicy.BLOCK ? "block training" : "stop training");
        } else if (warned && size < settings.maxBytes() * (OutboxSettings.WARN_PERCENT - 10) / 100) {
            warned = false;
        }
    }

    /** @return true when the undelivered entries on disk reach {@code maxBytes} */
    public boolean isFull() {
        return segments.bytes() >= settings.maxBytes();
    }

    /** @return bytes of segment files on disk (acknowledged entries of the oldest segment included) */
    public long sizeBytes() {
        return segments.bytes();
    }

    /**
     * Notes that Kafka acknowledged the entry at a position. Thread-safe (producer I/O thread).
     *
     * @param position the entry's position
     * @return true the first time a position is acknowledged (a redelivered entry is acknowledged twice)
     */
    public boolean acked(long position) {
        return watermark.ack(position);
    }

    /** @return the first position not yet acknowledged; thread-safe */
    public long ackedUpTo() {
        return watermark.get();
    }

    /** @return the position the next append gets */
    public long tail() {
        return tail;
    }

    /**
     * @param from the first position to read
     * @return a cursor over the entries from there (call {@link #flushBuffer()} before reading recent ones)
     */
    public OutboxCursor cursor(long from) {
        return new OutboxCursor(segments, from);
    }

    /** @return the slot's files by first position; for tests and reports */
    public Map<Long, Path> segmentFiles() {
        return segments.files();
    }

    /**
     * Syncs, closes the segment and releases the slot; unacknowledged entries stay for the next publisher,
     * and when every entry is acknowledged the segment files are deleted.
     */
    @Override
    public void close() {
        try {
            sync();
            closeSegment();
            if (watermark.get() >= tail) {
                // everything delivered: nothing for a successor to read, so leave no segment behind
                segments.deleteAll();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event outbox {}: close failed: {}", slot.dir(), e.toString());
        } finally {
            slot.close();
        }
    }

    private void closeSegment() throws IOException {
        if (out != null) {
            out.flush();
            file.getChannel().force(false);
            out.close();
            out = null;
            file = null;
        }
    }
}
