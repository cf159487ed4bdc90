package io.trainstream.cli.consume;

import io.trainstream.consumers.runtime.ConsumerStats;

/** One line of a consumer's counters, as {@code consume} and {@code demo} print them. */
public final class StatusLine {

    private StatusLine() {
    }

    /**
     * @param stats a consumer's counters
     * @return e.g. {@code logging: processed 1204, duplicates 0, gaps 0, dead-lettered 0, lag 0}
     */
    public static String format(ConsumerStats stats) {
        return stats.name() + ": processed " + stats.processed() + ", duplicates " + stats.duplicatesSkipped() + ", gaps "
                + stats.gaps() + ", dead-lettered " + stats.deadLettered() + ", lag " + (stats.lag() < 0 ? "?" : stats.lag())
                + (stats.state() == ConsumerStats.State.FAILED ? " (FAILED)" : "");
    }
}
