package io.trainstream.cli.consume;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A {@link PrintStream} over a command's {@link PrintWriter} (the logging consumer prints to a stream). */
public final class ConsoleStream {

    private ConsoleStream() {
    }

    /**
     * @param writer the command's output
     * @return a stream that writes UTF-8 text to it, flushing at each line
     */
    public static PrintStream over(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                writer.print(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** @return a stream that drops everything */
    public static PrintStream discard() {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
}
