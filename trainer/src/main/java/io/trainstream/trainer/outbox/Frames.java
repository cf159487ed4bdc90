package io.trainstream.trainer.outbox;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one entry: {@code int bodyLength, int crc32c(body), body}, where the body is
 * {@code short runIdLength, runId (UTF-8), long seq, value}. All integers big-endian. The checksum
 * lets recovery tell a frame torn by a crash from a whole one.
 */
final class Frames {

    /** Length and checksum. */
    static final int HEADER = 8;
    /** Bodies larger than this are refused: no event comes near it, so a larger length means a torn frame. */
    static final int MAX_BODY = 64 << 20;

    private Frames() {}

    static int frameSize(OutboxEntry entry) {
        return HEADER + 2 + entry.runId().getBytes(StandardCharsets.UTF_8).length + 8 + entry.value().length;
    }

    static int write(OutputStream out, String runId, long seq, byte[] value) throws IOException {
        byte[] id = runId.getBytes(StandardCharsets.UTF_8);
        if (id.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("run id longer than " + Short.MAX_VALUE + " bytes");
        }
        int bodyLength = 2 + id.length + 8 + value.length;
        ByteBuffer head = ByteBuffer.allocate(HEADER + 2 + id.length + 8);
        head.putInt(bodyLength).putInt(0).putShort((short) id.length).put(id).putLong(seq);
        CRC32C crc = new CRC32C();
        crc.update(head.array(), HEADER, head.capacity() - HEADER);
        crc.update(value);
        head.putInt(4, (int) crc.getValue());
        out.write(head.array());
        out.write(value);
        return HEADER + bodyLength;
    }

    /**
     * Parses the frame starting at {@code offset} of an in-memory segment.
     *
     * @param bytes the segment's bytes
     * @param offset where the frame should start
     * @param length how many of {@code bytes} are valid
     * @param position the position to give the entry
     * @return the entry, or null when no whole, intact frame starts there
     */
    static OutboxEntry parse(byte[] bytes, int offset, int length, long position) {
        if (length - offset < HEADER + 10) {
            return null;
        }
        ByteBuffer head = ByteBuffer.wrap(bytes, offset, HEADER);
        int bodyLength = head.getInt();
        int expected = head.getInt();
        if (bodyLength < 10 || bodyLength > MAX_BODY || bodyLength > length - offset - HEADER) {
            return null;
        }
        int bodyStart = offset + HEADER;
        int idLength = ByteBuffer.wrap(bytes, bodyStart, 2).getShort();
        if (idLength < 0 || idLength + 10 > bodyLength) {
            // checked before the checksum: a scan for the next intact frame tries every offset
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, bodyStart, bodyLength);
        if ((int) crc.getValue() != expected) {
            return null;
        }
        String runId = new String(bytes, bodyStart + 2, idLength, StandardCharsets.UTF_8);
        long seq = ByteBuffer.wrap(bytes, bodyStart + 2 + idLength, 8).getLong();
        byte[] value = java.util.Arrays.copyOfRange(bytes, bodyStart + 10 + idLength, bodyStart + bodyLength);
        return new OutboxEntry(position, runId, seq, value);
    }

    /**
     * @param in positioned at a frame
     * @param position the position to give the entry
     * @return the entry, or null at the end of the file or at a torn or corrupt frame
     */
    static OutboxEntry read(DataInputStream in, long position) throws IOException {
        try {
            int bodyLength = in.readInt();
            int expected = in.readInt();
            if (bodyLength < 10 || bodyLength > MAX_BODY) {
                return null;
            }
            byte[] body = new byte[bodyLength];
            in.readFully(body);
            CRC32C crc = new CRC32C();
            crc.update(body);
            if ((int) crc.getValue() != expected) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(body);
            int idLength = buffer.getShort();
            if (idLength < 0 || idLength + 10 > bodyLength) {
                return null;
            }
            String runId = new String(body, 2, idLength, StandardCharsets.UTF_8);
            buffer.position(2 + idLength);
            long seq = buffer.getLong();
            byte[] value = new byte[bodyLength - 10 - idLength];
            buffer.get(value);
            return new OutboxEntry(position, runId, seq, value);
        } catch (EOFException e) {
            return null;
        }
    }
}
