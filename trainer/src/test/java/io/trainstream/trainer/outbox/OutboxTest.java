package io.trainstream.trainer.outbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox on disk: append, read back, acknowledge, recover after a crash, refuse a bad directory. */
class OutboxTest {

    @TempDir
    Path dir;

    private OutboxSettings settings() {
        return new OutboxSettings(dir, 64 * 1024, 8 * 1024, 16, Duration.ofMillis(50), FullPolicy.BLOCK);
    }

    @Test
    void entriesReadBackInOrderAcrossSegments() {
        try (Outbox testSubject = Outbox.open(settings(), "events@host:1")) {
            for (int seq = 0; seq < 300; seq++) {
                assertThat(testSubject.append("run-a", seq, new byte[100])).isEqualTo(seq);
            }
            testSubject.flushBuffer();

            assertThat(read(testSubject, 0)).extracting(OutboxEntry::seq).hasSize(300).startsWith(0L, 1L).endsWith(299L);
            assertThat(testSubject.segmentFiles()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndTheRestIsLeftOverForTheNextOpen() {
        try (Outbox first = Outbox.open(settings(), "events@host:1")) {
            for (int seq = 0; seq < 300; seq++) {
                first.append("run-a", seq, new byte[100]);
            }
            for (long position = 0; position < 200; position++) {
                first.acked(position);
            }
            first.sync();
            assertThat(first.segmentFiles().keySet()).allMatch(start -> start > 0);
        }
        try (Outbox testSubject = Outbox.open(settings(), "events@host:1")) {
            assertThat(testSubject.leftovers()).isEqualTo(100);
            assertThat(read(testSubject, testSubject.recoveredStart())).extracting(OutboxEntry::seq)
                    .first().isEqualTo(200L);
            assertThat(testSubject.append("run-b", 0, new byte[1])).isEqualTo(300);
        }
    }

    @Test
    void aFrameTornByACrashIsCutOffAtRecovery() throws Exception {
        Path slot;
        try (Outbox first = Outbox.open(settings(), "events@host:1")) {
            for (int seq = 0; seq < 10; seq++) {
                first.append("run-a", seq, new byte[50]);
            }
            first.sync();
            slot = first.dir();
        }
        Path segment = Files.list(slot).filter(p -> p.getFileName().toString().startsWith("seg-")).findFirst().orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 7);
        }
        try (Outbox testSubject = Outbox.open(settings(), "events@host:1")) {
            assertThat(testSubject.leftovers()).isEqualTo(9);
            assertThat(testSubject.append("run-a", 9, new byte[50])).isEqualTo(9);
            testSubject.flushBuffer();
            assertThat(read(testSubject, 0)).extracting(OutboxEntry::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void twoLivePublishersForOneLogGetTwoSlots() {
        try (Outbox one = Outbox.open(settings(), "events@host:1"); Outbox two = Outbox.open(settings(), "events@host:1")) {
            assertThat(one.dir()).isNotEqualTo(two.dir());
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedGivesOneLineNamingIt() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        OutboxSettings bad = new OutboxSettings(file.resolve("outbox"), 64 * 1024, 8 * 1024, 16, Duration.ofMillis(50),
                FullPolicy.BLOCK);

        assertThatThrownBy(() -> Outbox.open(bad, "events@host:1")).isInstanceOf(OutboxUnavailableException.class)
                .hasMessageContaining(file.resolve("outbox").toString()).hasMessageNotContaining("\n");
    }

    @Test
    void isFullAtTheBound() {
        try (Outbox testSubject = Outbox.open(settings(), "events@host:1")) {
            while (!testSubject.isFull()) {
                testSubject.append("run-a", testSubject.tail(), new byte[1000]);
            }
            assertThat(testSubject.sizeBytes()).isGreaterThanOrEqualTo(64 * 1024);
        }
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
