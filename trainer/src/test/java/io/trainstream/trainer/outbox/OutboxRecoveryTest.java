package io.trainstream.trainer.outbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery keeps every intact frame: a corrupt frame in the middle of a segment costs only itself, a
 * marker past the end is ignored (everything is resent), and a dead publisher's slot is adopted by the
 * next publisher on the same log or alias, whatever slot number it got.
 */
class OutboxRecoveryTest {

    @TempDir
    Path dir;

    private OutboxSettings settings() {
        return new OutboxSettings(dir, 1 << 20, 8 * 1024, 16, Duration.ofMillis(50), FullPolicy.BLOCK);
    }

    @Test
    void aCorruptFrameInTheMiddleIsSkippedAndEveryLaterFrameIsKept() throws Exception {
        Path slot = writeAndClose("events@c", 40, 0);
        Path segment = firstSegment(slot);
        int frame = 8 + 2 + "run-a".length() + 8 + 50;
        // flip 10 bytes inside frame 12 (its checksum no longer matches)
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(12L * frame + 20);
            file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        }
        try (Outbox testSubject = Outbox.open(settings(), "events@c")) {
            List<OutboxEntry> left = read(testSubject, testSubject.recoveredStart());
            assertThat(left).extracting(OutboxEntry::seq).hasSize(39).doesNotContain(12L).contains(11L, 13L, 39L);
            assertThat(testSubject.leftovers()).isEqualTo(39);
        }
    }

    @Test
    void aCorruptLengthFieldIsResynchronisedPastAndFramesAfterItAreResentEvenIfMarkedAcknowledged() throws Exception {
        Path slot = writeAndClose("events@c", 30, 25);
        Path segment = firstSegment(slot);
        int frame = 8 + 2 + "run-a".length() + 8 + 50;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(5L * frame);
            file.write(ByteBuffer.allocate(4).putInt(7).array());
        }
        try (Outbox testSubject = Outbox.open(settings(), "events@c")) {
            // positions after the damage cannot be trusted: from the damage on, all is resent
            assertThat(read(testSubject, testSubject.recoveredStart())).extracting(OutboxEntry::seq)
                    .containsExactlyElementsOf(range(6, 30));
        }
    }

    @Test
    void anAckedMarkerPastTheEndIsIgnoredAndEveryEntryIsResent() throws Exception {
        Path slot = writeAndClose("events@c", 10, 0);
        Files.write(slot.resolve("acked"), ByteBuffer.allocate(8).putLong(1_000).array());
        try (Outbox testSubject = Outbox.open(settings(), "events@c")) {
            assertThat(testSubject.leftovers()).isEqualTo(10);
            assertThat(read(testSubject, testSubject.recoveredStart())).extracting(OutboxEntry::seq)
                    .containsExactlyElementsOf(range(0, 10));
        }
    }

    @Test
    void aDeadSlotUnderAnAliasIsAdoptedWithItsRunFilesAndRemoved() throws Exception {
        Path dead = writeAndClose("events@127.0.0.1:9092", 20, 5);
        Files.createDirectories(dead.resolve("runs"));
        Files.write(dead.resolve("runs").resolve("72756e2d61.summary"), new byte[] {1});
        try (Outbox live = Outbox.open(settings(), "events@cluster-x")) {
            live.append("run-b", 0, new byte[3]);
            live.flushBuffer();
            try (Outbox testSubject = Outbox.open(settings(), "events@cluster-x", List.of("events@127.0.0.1:9092"))) {
                assertThat(testSubject.dir()).isNotEqualTo(live.dir());
                assertThat(testSubject.leftovers()).isEqualTo(15);
                assertThat(read(testSubject, testSubject.recoveredStart())).extracting(OutboxEntry::seq)
                        .containsExactlyElementsOf(range(5, 20));
                assertThat(testSubject.dir().resolve("runs").resolve("72756e2d61.summary")).exists();
                assertThat(live.dir()).as("a live publisher's slot is left alone").exists();
            }
        }
        assertThat(dead).doesNotExist();
    }

    @Test
    void aFullyDeliveredOutboxLeavesNoSegmentBehind() throws Exception {
        Path slot = writeAndClose("events@c", 10, 10);
        try (Stream<Path> files = Files.list(slot)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("a delivered slot keeps no segment")
                    .noneMatch(name -> name.startsWith("seg-"));
        }
        try (Outbox next = Outbox.open(settings(), "events@c")) {
            assertThat(next.leftovers()).isZero();
            assertThat(next.append("run-a", 10, new byte[1])).isEqualTo(10);
        }
    }

    private Path writeAndClose(String key, int events, int acknowledged) {
        try (Outbox first = Outbox.open(settings(), key)) {
            for (int seq = 0; seq < events; seq++) {
                first.append("run-a", seq, new byte[50]);
            }
            for (long position = 0; position < acknowledged; position++) {
                first.acked(position);
            }
            first.sync();
            return first.dir();
        }
    }

    private static Path firstSegment(Path slot) throws Exception {
        try (Stream<Path> files = Files.list(slot)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().findFirst().orElseThrow();
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<OutboxEntry> read(Outbox outbox, long from) {
        List<OutboxEntry> out = new ArrayList<>();
        try (OutboxCursor cursor = outbox.cursor(from)) {
            OutboxEntry entry;
            while ((entry = cursor.next()) != null) {
                out.add(entry);
            }
        }
        return out;
    }
}
