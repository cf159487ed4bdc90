package io.trainstream.trainer.outbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads outbox entries in position order from a start position up to what has been written (flushed)
 * so far; a later {@link #next()} returns entries appended since. Used by the sender thread to drain.
 */
public final class OutboxCursor implements AutoCloseable {

    private final Segments segments;
    private long position;
    private long segmentFirst = -1;
    private long readPosition;
    private DataInputStream in;
    private long consumedInSegment;

    OutboxCursor(Segments segments, long from) {
        this.segments = segments;
        this.position = from;
    }

    /** @return the position of the entry the next call returns */
    public long position() {
        return position;
    }

    /**
     * @return the next entry, or null when every written entry has been read
     * @throws java.io.UncheckedIOException when a segment cannot be read
     */
    public OutboxEntry next() {
        try {
            while (true) {
                if (in == null && !openSegment()) {
                    return null;
                }
                in.mark(Frames.MAX_BODY);
                OutboxEntry entry = Frames.read(in, readPosition);
                if (entry == null) {
                    // the writer may still be filling this segment: come back for more, unless a later one exists
                    in.reset();
                    Map.Entry<Long, Path> later = segments.after(segmentFirst);
                    if (later == null || readPosition < later.getKey()) {
                        return null;
                    }
                    closeSegment();
                    continue;
                }
                readPosition++;
                consumedInSegment += entry.frameSize();
                if (entry.position() >= position) {
                    position = entry.position() + 1;
                    return entry;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean openSegment() throws IOException {
        Map.Entry<Long, Path> segment = segmentFirst < 0 ? segments.holding(position) : segments.after(segmentFirst);
        if (segment == null) {
            return false;
        }
        try {
            in = new DataInputStream(new BufferedInputStream(segments.open(segment.getValue()), 64 << 10));
        } catch (NoSuchFileException e) {
            // deleted once acknowledged (by acks of an earlier producer): move on to the next one
            segmentFirst = segment.getKey();
            return openSegment();
        }
        segmentFirst = segment.getKey();
        readPosition = segment.getKey();
        consumedInSegment = 0;
        if (position < readPosition) {
            position = readPosition;
        }
        return true;
    }

    private void closeSegment() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }

    /** Closes the open segment file. */
    @Override
    public void close() {
        try {
            closeSegment();
        } catch (IOException e) {
            // read-only
        }
    }
}
