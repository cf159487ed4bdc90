package io.trainstream.trainer.outbox;

import java.util.TreeSet;

/**
 * The first outbox position not yet acknowledged. Acknowledgements arrive out of order across
 * partitions; the watermark only advances over a contiguous run of them, so everything below it is
 * on the topic. Thread-safe.
 */
final class AckWatermark {

    private long watermark;
    private final TreeSet<Long> above = new TreeSet<>();

    AckWatermark(long start) {
        this.watermark = start;
    }

    /** @return true when the position was not acknowledged before */
    synchronized boolean ack(long position) {
        if (position < watermark) {
            return false;
        }
        if (position != watermark) {
            return above.add(position);
        }
        watermark++;
        while (!above.isEmpty() && above.first() == watermark) {
            above.pollFirst();
            watermark++;
        }
        return true;
    }

    synchronized boolean isAcked(long position) {
        return position < watermark || above.contains(position);
    }

    synchronized long get() {
        return watermark;
    }
}
