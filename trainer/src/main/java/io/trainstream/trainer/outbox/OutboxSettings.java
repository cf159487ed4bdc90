package io.trainstream.trainer.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link Outbox} stores events.
 *
 * @param dir the root directory; each publisher claims (locks) one slot directory below it (default
 *     {@code ${TRAINSTREAM_HOME:-~/.trainstream}/outbox}, see {@link #defaultDir()})
 * @param maxBytes bound on the undelivered events kept on disk (default 256 MiB); a warning is logged
 *     at {@value #WARN_PERCENT}%
 * @param segmentBytes a segment file is closed and a new one begun past this size (default 8 MiB);
 *     segments are deleted whole once every entry in them is acknowledged
 * @param syncEvents fsync after this many appended events (default 512)
 * @param syncInterval fsync at least this often while events arrive (default 100 ms)
 * @param fullPolicy what happens at {@code maxBytes} (default {@link FullPolicy#BLOCK})
 */
public record OutboxSettings(Path dir, long maxBytes, long segmentBytes, int syncEvents, Duration syncInterval,
        FullPolicy fullPolicy) {

    /** Percentage of {@code maxBytes} at which a warning is logged. */
    public static final int WARN_PERCENT = 80;
    /** Default bound: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Environment variable naming trainstream's home directory. */
    public static final String HOME_ENV = "TRAINSTREAM_HOME";

    /** Validates. */
    public OutboxSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(syncInterval, "syncInterval");
        Objects.requireNonNull(fullPolicy, "fullPolicy");
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("outbox segment size must be at least 4096 bytes, was " + segmentBytes);
        }
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("outbox bound must be at least two segments (" + 2 * segmentBytes
                    + " bytes), was " + maxBytes);
        }
        if (syncEvents < 1) {
            throw new IllegalArgumentException("outbox sync events must be at least 1, was " + syncEvents);
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("outbox sync interval must be positive, was " + syncInterval);
        }
    }

    /**
     * @param dir the root directory
     * @return settings with every other default
     */
    public static OutboxSettings defaults(Path dir) {
        return new OutboxSettings(dir, DEFAULT_MAX_BYTES, 8L << 20, 512, Duration.ofMillis(100), FullPolicy.BLOCK);
    }

    /** @return {@code $TRAINSTREAM_HOME/outbox}, or {@code ~/.trainstream/outbox} when the variable is not set */
    public static Path defaultDir() {
        String home = System.getenv(HOME_ENV);
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".trainstream")
                : Path.of(home);
        return base.resolve("outbox");
    }
}
