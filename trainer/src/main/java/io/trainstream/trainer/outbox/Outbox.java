package io.trainstream.trainer.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
    /** Frames appended but not yet written to the current segment; kept whole when a write fails. */
    private final FrameBuffer pending = new FrameBuffer(WRITE_BUFFER);
    private final java.util.concurrent.atomic.AtomicLong syncs = new java.util.concurrent.atomic.AtomicLong();
    /** Which entries the buffer holds (values left out), to name them if they can never be written. */
    private final java.util.List<OutboxEntry> unwritten = new java.util.ArrayList<>();
    private static final byte[] NO_BYTES = new byte[0];
    private FileChannel channel;
    /** Bytes of the current segment known to be written (what a failed write is cut back to). */
    private long writtenBytes;
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

    /**
     * Tells, without taking anything over, whether dead publishers left something for a log: a slot no
     * live process holds that still has segments or run files.
     *
     * @param root the outbox root
     * @param logKeys the log's keys (its identity and aliases)
     * @return true when some publisher should be opened to deliver and close what they left
     */
    public static boolean hasLeftovers(Path root, java.util.List<String> logKeys) {
        return SlotAdoption.anyDeadSlotWithLeftovers(root, logKeys);
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
        if (pending.size() >= WRITE_BUFFER) {
            // write before adding, so a failed write leaves this entry out (the caller retries it)
            flushBuffer();
        }
        try {
            if (channel == null || currentSize >= settings.segmentBytes()) {
                roll();
            }
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "start a segment", e);
        }
        int written;
        try {
            written = Frames.write(pending, runId, seq, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        currentSize += written;
        segments.grow(written);
        unwritten.add(new OutboxEntry(tail, runId, seq, NO_BYTES));
        return tail++;
    }

    private void roll() throws IOException {
        flushBuffer();
        closeSegment();
        channel = FileChannel.open(segments.create(tail), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        writtenBytes = 0;
        currentSize = 0;
    }

    /**
     * Writes buffered appends to the file (no fsync), so a {@link OutboxCursor} can read them. When the
     * write fails (a full disk), the file is cut back to its last whole write and the buffer is kept,
     * so a later call writes the same frames again and nothing is lost or torn.
     *
     * @throws OutboxUnavailableException when the segment cannot be written; retrying later is safe
     */
    public void flushBuffer() {
        if (pending.size() == 0 || channel == null) {
            return;
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(pending.array(), 0, pending.size());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            try {
                channel.truncate(writtenBytes);
            } catch (IOException ignored) {
                // the next successful write starts with a frame the scan skips as damage: still nothing lost
            }
            throw new OutboxUnavailableException(slot.dir(), "write a segment (" + DiskSpace.describe(slot.dir()) + ")", e);
        }
        writtenBytes += pending.size();
        pending.reset();
        unwritten.clear();
    }

    /**
     * Flushes and fsyncs the current segment only: the durability step, done at the publisher's fsync
     * cadence. The marker and the deletion of acknowledged segments ({@link #sync}) can follow less often:
     * a marker behind the watermark only means more entries resent (and skipped as duplicates) after a crash.
     */
    public void syncEntries() {
        try {
            flushBuffer();
            if (channel != null) {
                channel.force(false);
                syncs.incrementAndGet();
            }
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "sync (" + DiskSpace.describe(slot.dir()) + ")", e);
        }
    }

    /** Flushes, fsyncs the current segment, records the acknowledged position, deletes acknowledged segments. */
    public void sync() {
        syncEntries();
        markAcknowledged(watermark.get());
    }

    /**
     * Records {@code acked} (read from {@link #ackedUpTo()} before writing state derived from the acknowledgements,
     * such as the run files) as the acknowledged position and deletes the segments below it.
     */
    public void markAcknowledged(long acked) {
        try {
            marker.write(acked);
            segments.deleteBelow(acked);
            checkBound();
        } catch (IOException e) {
            throw new OutboxUnavailableException(slot.dir(), "sync (" + DiskSpace.describe(slot.dir()) + ")", e);
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

    /**
     * @return entries appended but not yet on disk and not acknowledged by Kafka (their values left
     *     out): what would be lost if the process ended now, e.g. while the disk is full
     */
    public java.util.List<OutboxEntry> unwrittenUnacknowledged() {
        return unwritten.stream().filter(entry -> !watermark.isAcked(entry.position())).toList();
    }

    /** @return fsyncs of segment files so far; thread-safe */
    public long syncCount() {
        return syncs.get();
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
            closeChannelQuietly();
            // the emptied slot stays (with its lock file) for the next publisher: see SlotDirectory.clear
            slot.close();
        }
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            flushBuffer();
            channel.force(false);
            channel.close();
            channel = null;
        }
    }

    private void closeChannelQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // unwritten frames are reported by the publisher; the descriptor is released either way
            }
            channel = null;
        }
    }
}
