package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A command's attachment to the local broker of one data directory: a lease that keeps the broker up
 * while the command runs, and the broker's address. The broker is a detached process
 * ({@link DetachedBrokerMain}) that the first command needing it starts and that outlives that command;
 * it stops after an idle timeout with no lease held, on {@code trainstream broker stop}, or when killed
 * (the next command then starts a new one on the same data and, when free, the same port).
 * Within one JVM, attachments to one directory share one lease, counted.
 */
public final class LocalBroker implements AutoCloseable {

    /** Heap of the detached broker: enough for a single-node Kafka with the small cleaner buffer it is given. */
    static final String BROKER_HEAP = "-Xmx512m";
    /** How much lower the broker's CPU priority is than the commands' (system property trainstream.broker.nice; 0: the same). */
    static final int BROKER_NICE = Integer.getInteger("trainstream.broker.nice", 10);
    /** A log file above this size is moved aside to {@code broker.log.1} when a broker is started. */
    private static final long LOG_ROTATE_BYTES = 10L << 20;

    private static final Map<Path, Lease> LEASES = new HashMap<>();

    private final BrokerFiles files;
    private final String bootstrapServers;
    private final boolean startedHere;
    private boolean closed;

    private LocalBroker(BrokerFiles files, String bootstrapServers, boolean startedHere) {
        this.files = files;
        this.bootstrapServers = bootstrapServers;
        this.startedHere = startedHere;
    }

    /**
     * Takes a lease on the local broker of {@code dataDir}, starting the broker first when none runs.
     * Safe to call from many processes at once: one starts it, the others wait for its address.
     *
     * @param dataDir the broker's data directory
     * @param idle how long a broker started here stays up with no command attached (zero: until stopped)
     * @param wait how long to wait for a broker that is starting or stopping, and for one started here
     * @return the attachment; close it when the command is done
     * @throws BrokerStartException when the broker cannot be started or reached in time; one line, naming the cause
     */
    public static synchronized LocalBroker attach(Path dataDir, Duration idle, Duration wait) {
        BrokerFiles files = new BrokerFiles(dataDir);
        Lease lease = LEASES.get(files.dir());
        if (lease != null) {
            lease.users++;
            return new LocalBroker(files, lease.address, false);
        }
        LockFile leaseLock = LockFile.open(files.file(BrokerFiles.LEASE_LOCK));
        try {
            // shared by every attached command; waits while a broker going idle holds it for its shutdown
            leaseLock.lock(true, wait, "the local broker to finish stopping");
            String[] found = findOrStart(files, idle, wait);
            LEASES.put(files.dir(), new Lease(leaseLock, found[0]));
            return new LocalBroker(files, found[0], found[1] != null);
        } catch (RuntimeException e) {
            leaseLock.close();
            throw e;
        }
    }

    /** Under the start lock: the running broker's address, or a new broker's. {@code [address, "started" or null]}. */
    private static String[] findOrStart(BrokerFiles files, Duration idle, Duration wait) {
        try (LockFile start = LockFile.open(files.file(BrokerFiles.START_LOCK));
             LockFile owner = LockFile.open(files.file(BrokerFiles.OWNER_LOCK))) {
            start.lock(false, wait, "another trainstream command starting the local broker");
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (owner.tryLock(false)) {
                    owner.unlock();
                    return new String[] {spawn(files, idle, deadline), "started"};
                }
                Optional<String> address = files.address();
                if (address.isPresent()) {
                    return new String[] {address.get(), null};
                }
                if (System.nanoTime() > deadline) {
                    throw new BrokerStartException("the local broker in " + files.dir() + " (pid "
                            + files.pid().orElse(-1) + ") published no address within " + wait.toSeconds() + " s; see "
                            + files.file(BrokerFiles.LOG));
                }
                LockFile.sleep();
            }
        }
    }

    private static String spawn(BrokerFiles files, Duration idle, long deadline) {
        files.deleteQuietly(BrokerFiles.ADDRESS);
        Process process;
        try {
            rotateLog(files);
            ProcessBuilder builder = new ProcessBuilder(command(files, idle))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.file(BrokerFiles.LOG).toFile()))
                    .redirectErrorStream(true);
            process = builder.start();
            process.getOutputStream().close(); // no input: the broker never waits on a terminal
        } catch (IOException e) {
            throw new BrokerStartException("cannot start the local broker process: " + e.getMessage(), e);
        }
        while (true) {
            Optional<String> address = files.address();
            if (address.isPresent() && process.isAlive()) {
                return address.get();
            }
            if (!process.isAlive()) {
                throw new BrokerStartException("the local broker did not start: "
                        + files.lastFailure().orElse("its process exited with code " + process.exitValue())
                        + " (log: " + files.file(BrokerFiles.LOG) + ")");
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw new BrokerStartException("the local broker did not become ready in time (log: "
                        + files.file(BrokerFiles.LOG) + ")");
            }
            LockFile.sleep();
        }
    }

    /** The broker's command line: this JVM's java and classpath; under setsid so a terminal's Ctrl-C does not reach it. */
    private static List<String> command(BrokerFiles files, Duration idle) {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        Path nice = Path.of("/usr/bin/nice");
        if (BROKER_NICE > 0 && Files.isExecutable(nice)) {
            // the broker shares the machine with training, which comes first: at nice 10 its threads do not
            // preempt the training thread, and get a tenth of a contended core (see EventPathPriority)
            command.addAll(List.of(nice.toString(), "-n", Integer.toString(BROKER_NICE)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(BROKER_HEAP);
        command.add("-cp");
        command.add(absoluteClasspath());
        command.add(DetachedBrokerMain.class.getName());
        command.add(files.dir().toString());
        command.add(Long.toString(Math.max(0, idle.toSeconds())));
        return command;
    }

    /** The running classpath with absolute entries: the broker must not depend on the command's working directory. */
    private static String absoluteClasspath() {
        StringBuilder out = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.append(out.isEmpty() ? "" : File.pathSeparator)
                        .append(entry.endsWith("*") ? entry : Path.of(entry).toAbsolutePath().toString());
            }
        }
        return out.toString();
    }

    private static void rotateLog(BrokerFiles files) throws IOException {
        Path log = files.file(BrokerFiles.LOG);
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, files.file(BrokerFiles.LOG + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Tells whether a broker runs on {@code dataDir}, without starting one.
     *
     * @param dataDir the data directory
     * @return its state
     */
    public static synchronized Status status(Path dataDir) {
        BrokerFiles files = new BrokerFiles(dataDir);
        if (!Files.isDirectory(files.dir())) {
            return new Status(files.dir(), false, null, OptionalLong.empty(), null);
        }
        try (LockFile start = LockFile.open(files.file(BrokerFiles.START_LOCK));
             LockFile owner = LockFile.open(files.file(BrokerFiles.OWNER_LOCK))) {
            start.lock(false, Duration.ofSeconds(90), "another trainstream command starting the local broker");
            if (owner.tryLock(false)) {
                owner.unlock();
                return new Status(files.dir(), false, null, OptionalLong.empty(), files.failureOfLastBroker().orElse(null));
            }
            return new Status(files.dir(), true, files.address().orElse(null), files.pid(), null);
        }
    }

    /**
     * Stops the broker running on {@code dataDir} (SIGTERM: a clean shutdown; SIGKILL after {@code wait}).
     *
     * @param dataDir the data directory
     * @param wait how long a clean shutdown may take
     * @return the broker that was stopped, or {@code not running}
     */
    public static Status stop(Path dataDir, Duration wait) {
        Status status = status(dataDir);
        if (!status.running() || status.pid().isEmpty() || status.pid().getAsLong() == ProcessHandle.current().pid()) {
            return status;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(status.pid().getAsLong());
        if (process.isPresent()) {
            process.get().destroy();
            try {
                process.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.get().destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                // it exited anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return status;
    }

    /** @return the broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return true when this attachment started the broker process */
    public boolean startedHere() {
        return startedHere;
    }

    /** @return the data directory */
    public Path dataDir() {
        return files.dir();
    }

    /** Releases the lease (the last user in this JVM releases the file lock); the broker keeps running. */
    @Override
    public void close() {
        synchronized (LocalBroker.class) {
            if (closed) {
                return;
            }
            closed = true;
            Lease lease = LEASES.get(files.dir());
            if (lease != null && --lease.users == 0) {
                LEASES.remove(files.dir());
                lease.lock.close();
            }
        }
    }

    /**
     * The state of the local broker of a data directory.
     *
     * @param dataDir the data directory
     * @param running whether a broker process holds the directory
     * @param address its address, null when not running or not yet ready
     * @param pid its process id, when known
     * @param lastFailure when none runs: why the last one stopped, if it failed (its log's failure line), else null
     */
    public record Status(Path dataDir, boolean running, String address, OptionalLong pid, String lastFailure) {
        /** @return one line for people */
        public String describe() {
            if (!running) {
                return "no local broker runs on " + dataDir + (lastFailure == null ? "" : "; the last one failed: " + lastFailure);
            }
            return "local broker " + (address == null ? "starting" : "at " + address)
                    + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "") + ", data in " + dataDir;
        }
    }

    /** One JVM's lease on a directory, shared by its attachments. */
    private static final class Lease {
        private final LockFile lock;
        private final String address;
        private int users = 1;

        Lease(LockFile lock, String address) {
            this.lock = lock;
            this.address = address;
        }
    }
}
