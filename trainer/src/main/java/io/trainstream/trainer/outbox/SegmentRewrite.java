package io.trainstream.trainer.outbox;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces a slot's segments by one segment holding the given entries, crash-safely: the new file is
 * written and fsynced as {@code <name>.tmp}, renamed to {@code <name>.rewrite} (the commit point), then
 * the old segments are deleted and the rewrite takes its final name. A crash before the commit leaves
 * the old segments; after it, {@link #finishInterrupted} completes the swap.
 */
final class SegmentRewrite {

    private static final String TEMP = ".tmp";
    private static final String COMMITTED = ".rewrite";

    private SegmentRewrite() {
    }

    /**
     * @param dir the slot
     * @param start the position of the first entry
     * @param entries the entries, in order
     * @param old the segment files to replace
     * @return the new segment file
     */
    static Path write(Path dir, long start, List<OutboxEntry> entries, Collection<Path> old) throws IOException {
        String name = Segments.segmentName(start);
        Path temp = dir.resolve(name + TEMP);
        try (FileOutputStream file = new FileOutputStream(temp.toFile());
                BufferedOutputStream out = new BufferedOutputStream(file, 64 << 10)) {
            for (OutboxEntry entry : entries) {
                Frames.write(out, entry.runId(), entry.seq(), entry.value());
            }
            out.flush();
            file.getChannel().force(true);
        }
        Path committed = dir.resolve(name + COMMITTED);
        Files.move(temp, committed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (Path segment : old) {
            Files.deleteIfExists(segment);
        }
        Path target = dir.resolve(name);
        Files.move(committed, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Drops an uncommitted rewrite and completes a committed one that a crash interrupted. */
    static void finishInterrupted(Path dir) throws IOException {
        Path committed = null;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP) && name.startsWith("seg-")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(COMMITTED)) {
                    committed = file;
                }
            }
        }
        if (committed == null) {
            return;
        }
        String name = committed.getFileName().toString();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                String other = file.getFileName().toString();
                if (other.startsWith("seg-") && other.endsWith(".log")) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.move(committed, dir.resolve(name.substring(0, name.length() - COMMITTED.length())),
                StandardCopyOption.ATOMIC_MOVE);
    }
}
