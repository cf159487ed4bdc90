package io.trainstream.trainer.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts, read-only, the entries of one run that some outbox of a log still holds undelivered, live
 * publishers' slots included. {@code resume} waits for this to reach zero before it picks the run's next
 * seq: a dead run's leftovers may be in the hands of another live command that adopted them.
 */
public final class PendingEntries {

    private PendingEntries() {
    }

    /**
     * @param root the outbox root
     * @param logKeys the log's keys (its identity and aliases)
     * @param runId the run
     * @return the run's entries at or after each slot's acknowledged marker, over every slot
     */
    public static long of(Path root, List<String> logKeys, String runId) {
        long pending = 0;
        for (String key : logKeys) {
            for (Path slot : SlotDirectory.slotsOf(root, key)) {
                pending += inSlot(slot, runId);
            }
        }
        return pending;
    }

    private static long inSlot(Path slot, String runId) {
        long acked = marker(slot);
        long pending = 0;
        try (Stream<Path> list = Files.list(slot)) {
            for (Path file : list.filter(p -> p.getFileName().toString().matches("seg-\\d+\\.log")).toList()) {
                String name = file.getFileName().toString();
                long first = Long.parseLong(name.substring(4, name.length() - 4));
                SegmentScan scan = SegmentScan.of(file, first);
                for (OutboxEntry entry : scan.entries()) {
                    if (entry.position() >= acked && entry.runId().equals(runId)) {
                        pending++;
                    }
                }
            }
        } catch (IOException e) {
            // a slot deleted while we looked (adopted or delivered): nothing pending there
        }
        return pending;
    }

    private static long marker(Path slot) {
        try {
            byte[] bytes = Files.readAllBytes(slot.resolve("acked"));
            return bytes.length == 8 ? ByteBuffer.wrap(bytes).getLong() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
