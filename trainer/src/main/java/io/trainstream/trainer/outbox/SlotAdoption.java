package io.trainstream.trainer.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Takes over the slots dead publishers left for the same log: their undelivered entries are appended to
 * the adopting outbox and fsynced there before the dead slot is deleted, so a crash in between only
 * causes identical resends, never a loss. Run files ({@code runs/}) move along, so the adopter can
 * close the dead runs as CRASHED. Slots with nothing left are simply removed.
 */
final class SlotAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(SlotAdoption.class);
    private static final String RUN_FILES = "runs";

    private SlotAdoption() {
    }

    /**
     * @param into the adopting outbox
     * @param logKeys the log's own key first, then its aliases: adopted slots of the own key are emptied
     *     and kept for reuse, those of an alias are removed with their directories
     */
    static void adoptDeadSlots(Outbox into, List<String> logKeys) {
        Path root = into.settings().dir();
        for (int i = 0; i < logKeys.size(); i++) {
            boolean alias = i > 0;
            for (Path slotDir : SlotDirectory.slotsOf(root, logKeys.get(i))) {
                if (slotDir.toAbsolutePath().normalize().equals(into.dir().toAbsolutePath().normalize())) {
                    continue;
                }
                SlotDirectory dead = SlotDirectory.tryClaimExisting(slotDir);
                if (dead != null) {
                    adopt(into, dead, alias);
                }
            }
            if (alias) {
                removeIfEmpty(root.resolve(SlotDirectory.sanitize(logKeys.get(i))));
            }
        }
    }

    private static void adopt(Outbox into, SlotDirectory dead, boolean alias) {
        long adopted = 0;
        try {
            Outbox left = Outbox.openClaimed(into.settings(), dead);
            try (OutboxCursor cursor = left.cursor(left.recoveredStart())) {
                OutboxEntry entry;
                while ((entry = cursor.next()) != null && entry.position() < left.recoveredTail()) {
                    into.adopt(entry);
                    adopted++;
                }
            }
            int runFiles = moveRunFiles(dead.dir(), into.dir());
            into.sync();
            if (adopted > 0 || runFiles > 0) {
                LOG.warn("event outbox {}: took over {} undelivered events and {} open runs left by a dead publisher in {}",
                        into.dir(), adopted, runFiles, dead.dir());
            }
            if (alias) {
                dead.delete();
            } else {
                dead.clear();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event outbox {}: could not take over {} ({}); it stays for the next publisher", into.dir(),
                    dead.dir(), e.toString());
            dead.close();
        }
    }

    private static int moveRunFiles(Path from, Path to) throws IOException {
        Path source = from.resolve(RUN_FILES);
        if (!Files.isDirectory(source)) {
            return 0;
        }
        Path target = to.resolve(RUN_FILES);
        Files.createDirectories(target);
        int moved = 0;
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".summary")).toList()) {
                Path destination = target.resolve(file.getFileName());
                if (!Files.exists(destination)) {
                    Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
                    moved++;
                }
            }
        }
        return moved;
    }

    /** @return true when a slot of the log that no live process holds still has segments or run files */
    static boolean anyDeadSlotWithLeftovers(Path root, List<String> logKeys) {
        for (String key : logKeys) {
            for (Path slotDir : SlotDirectory.slotsOf(root, key)) {
                SlotDirectory dead = SlotDirectory.tryClaimExisting(slotDir);
                if (dead == null) {
                    continue;
                }
                try {
                    if (hasSegmentsOrRunFiles(slotDir)) {
                        return true;
                    }
                } finally {
                    dead.close();
                }
            }
        }
        return false;
    }

    static boolean hasRunFiles(Path slot) {
        Path runs = slot.resolve(RUN_FILES);
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(runs)) {
            return files.anyMatch(p -> p.toString().endsWith(".summary"));
        } catch (IOException e) {
            return true;
        }
    }

    static boolean hasSegmentsOrRunFiles(Path slot) {
        if (hasRunFiles(slot)) {
            return true;
        }
        try (Stream<Path> files = Files.list(slot)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("seg-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeIfEmpty(Path logDir) {
        try {
            Files.deleteIfExists(logDir);
        } catch (IOException e) {
            // not empty: live or not yet adoptable slots remain
        }
    }
}
