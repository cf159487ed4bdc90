package io.trainstream.trainer.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Has HotSpot compile the event path of a training process (the Kafka client, Avro, LZ4, NIO channels, and
 * the publisher's sender, outbox and codec) with its quick compiler only, C1, while the training loop and
 * DJL keep the optimising C2.
 *
 * <p>Why: at the rate a training run produces events (a few thousand a second, ~100 produce requests a
 * second), the event path's per-request code reaches C2's thresholds only after minutes, so for the first
 * minutes of every process C2 keeps compiling it, on the core the training thread does not use. That was
 * the largest item of the publisher's CPU per event (bench {@code costperevent}: the trainer's JIT threads,
 * publishing ON − OFF, 26–55 µs per event out of 39–81), and any CPU burnt on the other core slows training
 * on these 2-core machines. C1 compiles the same methods in a fraction of the time; the code it makes is
 * slower, but the event path's cost is dominated by system calls and thread wake-ups, not by its Java code.
 *
 * <p>How: a compiler directive ({@code event-path-compiler-directives.json} next to this class) excluding C2
 * for those packages, added to the running JVM through the {@code DiagnosticCommand} MBean (what
 * {@code jcmd <pid> Compiler.directives_add} does); no JVM flag is needed. Methods already compiled by C2
 * stay so, which is why a process calls {@link #install()} before it starts publishing. {@code trainstream
 * train} and {@code trainstream resume} call it; a program embedding the trainer may. It is JVM-wide: a
 * process that also consumes or serves Kafka at high rates (the demo, which hosts the broker) should not.
 *
 * <p>System property {@value #PROPERTY}: {@code c1} (default) or {@code tiered} (leave HotSpot's default
 * tiered compilation alone).
 */
public final class EventPathCompilation {

    /** The system property that turns it off: {@code -Dtrainstream.jit.event-path=tiered}. */
    public static final String PROPERTY = "trainstream.jit.event-path";

    static final String DIRECTIVES = "event-path-compiler-directives.json";

    private static final Logger LOG = LoggerFactory.getLogger(EventPathCompilation.class);
    private static boolean installed;

    private EventPathCompilation() {}

    /**
     * Adds the event path's compiler directive to this JVM, once; later calls do nothing.
     *
     * @return true when the directive is in force (added now or before); false when the property says
     *     {@code tiered} or the JVM has no HotSpot diagnostic command for it (then nothing changed)
     * @throws IllegalArgumentException when the property has a value other than {@code c1} or {@code tiered}
     */
    public static synchronized boolean install() {
        String mode = System.getProperty(PROPERTY, "c1").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("tiered")) {
            return false;
        }
        if (!mode.equals("c1")) {
            throw new IllegalArgumentException("system property " + PROPERTY + " is '" + mode
                    + "': expected c1 (the event path compiled by C1 only) or tiered (HotSpot's default)");
        }
        if (!installed) {
            installed = addDirectives();
        }
        return installed;
    }

    private static boolean addDirectives() {
        Path file = null;
        try (InputStream in = EventPathCompilation.class.getResourceAsStream(DIRECTIVES)) {
            if (in == null) {
                throw new IllegalStateException(DIRECTIVES + " is missing from the trainer jar");
            }
            // the diagnostic command reads a file, not a string
            file = Files.createTempFile("trainstream-directives", ".json");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Object answer = diagnosticCommand("compilerDirectivesAdd", file.toString());
            LOG.debug("event path compiled by C1 only: {}", String.valueOf(answer).trim());
            return String.valueOf(answer).contains("added");
        } catch (JMException | RuntimeException e) {
            // not HotSpot, or diagnostic commands disabled: tiered compilation as usual
            LOG.debug("event path keeps tiered compilation: {}", e.toString());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the compiler directives to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a stray temp file of a few hundred bytes
                }
            }
        }
    }

    /** Runs a HotSpot diagnostic command (e.g. {@code compilerDirectivesPrint}) and returns its text. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(answer);
    }
}
