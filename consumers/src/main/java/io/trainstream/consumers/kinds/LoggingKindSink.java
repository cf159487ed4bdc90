package io.trainstream.consumers.kinds;

import io.trainstream.consumers.logging.LoggingConsumer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link ConsumerKind#LOGGING}: a {@link LoggingConsumer} writing {@code <dir>/logging.jsonl} and printing to a console. */
final class LoggingKindSink extends KindSink {

    private final LoggingConsumer logging;

    LoggingKindSink(String name, Path dir, PrintStream console) {
        this(new LoggingConsumer(dir, name, console));
    }

    private LoggingKindSink(LoggingConsumer logging) {
        super(logging);
        this.logging = logging;
    }

    @Override
    List<String> liveOutputs(LiveSetup setup) {
        return List.of("output: " + logging.outputFile());
    }

    @Override
    Optional<Path> redriveOutput(String runId, Path dir) {
        return Optional.of(logging.outputFile());
    }
}
