package io.trainstream.consumers.runlog;

import org.junit.jupiter.api.Test;

import static io.trainstream.consumers.runlog.SeqOrder.Verdict.DUPLICATE;
import static io.trainstream.consumers.runlog.SeqOrder.Verdict.LATE;
import static io.trainstream.consumers.runlog.SeqOrder.Verdict.NEXT;
import static org.assertj.core.api.Assertions.assertThat;

class SeqOrderTest {

    private final SeqOrder testSubject = new SeqOrder();

    @Test
    void seqsInOrderAreHandedOverAndResendsAreDuplicates() {
        assertThat(testSubject.accept(0)).isEqualTo(NEXT);
        assertThat(testSubject.accept(1)).isEqualTo(NEXT);
        assertThat(testSubject.accept(1)).isEqualTo(DUPLICATE);
        assertThat(testSubject.accept(0)).isEqualTo(DUPLICATE);
        assertThat(testSubject.accept(2)).isEqualTo(NEXT);
        assertThat(testSubject.lastSeq()).isEqualTo(2);
        assertThat(testSubject.missing()).isZero();
    }

    @Test
    void aSkippedSeqIsMissingUntilItTurnsUpLateAndOnlyOnce() {
        testSubject.accept(0);
        testSubject.accept(5); // 1..4 skipped

        assertThat(testSubject.missing()).isEqualTo(4);
        assertThat(testSubject.accept(3)).isEqualTo(LATE);
        assertThat(testSubject.accept(3)).isEqualTo(DUPLICATE);
        assertThat(testSubject.accept(1)).isEqualTo(LATE);
        assertThat(testSubject.accept(4)).isEqualTo(LATE);
        assertThat(testSubject.missing()).isEqualTo(1);
        assertThat(testSubject.accept(2)).isEqualTo(LATE);
        assertThat(testSubject.missing()).isZero();
        assertThat(testSubject.accept(2)).isEqualTo(DUPLICATE);
        assertThat(testSubject.accept(5)).isEqualTo(DUPLICATE);
    }

    @Test
    void aRunThatDoesNotStartAtZeroCountsTheSeqsBeforeItsFirstAsMissing() {
        assertThat(testSubject.accept(3)).isEqualTo(NEXT);
        assertThat(testSubject.missing()).isEqualTo(3);
        assertThat(testSubject.lastSeq()).isEqualTo(3);
    }
}
