package io.trainstream.trainer.outbox;

import java.io.ByteArrayOutputStream;

/** The outbox's write buffer: frames not yet written to the segment, whose array is written without a copy. */
final class FrameBuffer extends ByteArrayOutputStream {

    FrameBuffer(int size) {
        super(size);
    }

    byte[] array() {
        return buf;
    }
}
