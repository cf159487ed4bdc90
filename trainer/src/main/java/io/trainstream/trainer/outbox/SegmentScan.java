package io.trainstream.trainer.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one segment file holds, read whole: its intact frames, and the damaged stretches between them.
 * A frame that fails its checksum (or whose length is impossible) does not end the scan: the scan looks
 * for the next intact frame byte by byte, so one corrupt frame costs only itself. Bytes after the last
 * intact frame with no intact frame behind them are the {@linkplain #tornTailBytes() torn tail} a crash
 * leaves while writing.
 */
final class SegmentScan {

    /** A damaged stretch: where it starts, how long it is, and the intact entries around it. */
    record Damage(Path file, long byteOffset, long length, OutboxEntry before, OutboxEntry after) {

        /** @return a sentence naming the file, the bytes and the neighbouring (run, seq) pairs */
        String describe() {
            return length + " corrupt bytes at offset " + byteOffset + " of " + file.getFileName()
                    + " (after " + name(before) + ", before " + name(after) + ")";
        }

        private static String name(OutboxEntry entry) {
            return entry == null ? "the segment's start" : "run " + entry.runId() + " seq " + entry.seq()
                    + " at position " + entry.position();
        }
    }

    private final List<OutboxEntry> entries;
    private final List<Damage> damage;
    private final long validBytes;
    private final long tornTailBytes;
    private final long firstDamagedPosition;

    private SegmentScan(List<OutboxEntry> entries, List<Damage> damage, long validBytes, long tornTailBytes,
            long firstDamagedPosition) {
        this.entries = entries;
        this.damage = damage;
        this.validBytes = validBytes;
        this.tornTailBytes = tornTailBytes;
        this.firstDamagedPosition = firstDamagedPosition;
    }

    /**
     * @param file the segment
     * @param firstPosition the position of its first entry
     * @return what it holds; positions count intact frames only
     */
    static SegmentScan of(Path file, long firstPosition) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<OutboxEntry> entries = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        long position = firstPosition;
        long firstDamaged = -1;
        long validEnd = 0;
        int offset = 0;
        while (offset < bytes.length) {
            OutboxEntry entry = Frames.parse(bytes, offset, bytes.length, position);
            if (entry != null) {
                entries.add(entry);
                offset += entry.frameSize();
                validEnd = offset;
                position++;
                continue;
            }
            int next = nextIntactFrame(bytes, offset + 1, position);
            if (next < 0) {
                break;
            }
            OutboxEntry before = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            OutboxEntry after = Frames.parse(bytes, next, bytes.length, position);
            damage.add(new Damage(file, offset, next - offset, before, after));
            if (firstDamaged < 0) {
                firstDamaged = position;
            }
            offset = next;
        }
        long validBytes = 0;
        for (OutboxEntry entry : entries) {
            validBytes += entry.frameSize();
        }
        return new SegmentScan(entries, damage, validBytes, bytes.length - validEnd, firstDamaged);
    }

    private static int nextIntactFrame(byte[] bytes, int from, long position) {
        for (int offset = from; offset + Frames.HEADER + 10 <= bytes.length; offset++) {
            if (Frames.parse(bytes, offset, bytes.length, position) != null) {
                return offset;
            }
        }
        return -1;
    }

    /** @return the intact entries in file order, positions counted over intact frames */
    List<OutboxEntry> entries() {
        return entries;
    }

    /** @return the damaged stretches that intact frames follow */
    List<Damage> damage() {
        return damage;
    }

    /** @return true when a damaged stretch lies between intact frames (not just a torn tail) */
    boolean damaged() {
        return !damage.isEmpty();
    }

    /** @return the position the first intact frame after the first damage got; -1 when undamaged */
    long firstDamagedPosition() {
        return firstDamagedPosition;
    }

    /** @return bytes of intact frames */
    long validBytes() {
        return validBytes;
    }

    /** @return bytes after the last intact frame that no intact frame follows */
    long tornTailBytes() {
        return tornTailBytes;
    }
}
