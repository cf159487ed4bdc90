package io.trainstream.trainer.kafka;

import org.apache.kafka.common.utils.Exit;

/**
 * Keeps an in-process broker's fatal-error handlers from halting the test JVM without a word: Kafka
 * calls {@code Exit.halt}/{@code Exit.exit} (which end in {@code Runtime.halt}) on faults it cannot
 * recover from, and surefire then only says "the forked VM terminated without saying goodbye". With
 * the guard installed the request is printed with a stack trace to stderr (and so to the surefire
 * report) and refused with an exception instead.
 */
public final class KafkaHaltGuard {

    private KafkaHaltGuard() {}

    /** Installs the guard for this JVM; idempotent. */
    public static void install() {
        Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
        Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
    }

    private static void refuse(String what, int code, String message) {
        IllegalStateException e = new IllegalStateException(
                "Kafka asked to " + what + " the JVM with status " + code + ": " + message);
        System.err.println("[kafka-halt-guard] Halting refused: " + e.getMessage());
        e.printStackTrace();
        throw e;
    }
}
