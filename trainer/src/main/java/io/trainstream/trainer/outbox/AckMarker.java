package io.trainstream.trainer.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code acked} file: the first outbox position Kafka has not acknowledged, as 8 bytes, replaced
 * atomically (write a temporary file, then rename) so a crash leaves either the old or the new value.
 */
final class AckMarker {

    private final Path file;
    private final Path temp;
    private long last = -1;

    AckMarker(Path dir) {
        this.file = dir.resolve("acked");
        this.temp = dir.resolve("acked.tmp");
    }

    long read() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        last = bytes.length == 8 ? ByteBuffer.wrap(bytes).getLong() : 0;
        return Math.max(0, last);
    }

    void write(long position) throws IOException {
        if (position == last) {
            return;
        }
        Files.write(temp, ByteBuffer.allocate(8).putLong(position).array());
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        last = position;
    }
}
