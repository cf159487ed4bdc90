package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded broker on one data directory, shared between trainstream processes: the first process
 * takes the lock file and starts the broker, the others connect to the address it publishes (see the
 * package documentation). Within one JVM, every user of a directory shares one instance, counted.
 */
public final class LocalBroker implements AutoCloseable {

    /** The lock a broker's owner holds while it runs. */
    public static final String LOCK_FILE = "broker.lock";
    /** Where the owner writes {@code host:port} once the broker is ready. */
    public static final String PORT_FILE = "broker.port";

    private static final Map<Path, LocalBroker> IN_THIS_JVM = new HashMap<>();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dataDir;
    private final String bootstrapServers;
    private final EmbeddedKafkaBroker broker;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private int users = 1;

    private LocalBroker(Path dataDir, String bootstrapServers, EmbeddedKafkaBroker broker, FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Connects to the broker another process runs on {@code dataDir}, or starts one here.
     *
     * @param dataDir the broker's data directory
     * @param port the port to listen on when starting one here; 0 for any free port
     * @param wait how long to wait for another process's broker to publish its address
     * @return the broker; close it when done
     * @throws BrokerStartException when the broker cannot start or the other
     *     process's broker does not become ready in time
     */
    public static synchronized LocalBroker attachOrStart(Path dataDir, int port, Duration wait) {
        Path dir = dataDir.toAbsolutePath().normalize();
        LocalBroker shared = IN_THIS_JVM.get(dir);
        if (shared != null) {
            shared.users++;
            return shared;
        }
        FileChannel channel = openLockFile(dir);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new BrokerStartException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            return new LocalBroker(dir, awaitOtherOwner(dir, wait), null, null, null);
        }
        LocalBroker started = start(dir, port, channel, lock);
        IN_THIS_JVM.put(dir, started);
        return started;
    }

    private static LocalBroker start(Path dir, int port, FileChannel channel, FileLock lock) {
        try {
            Files.deleteIfExists(dir.resolve(PORT_FILE));
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir).optBrokerPort(port)
                    .optNumPartitions(3).build()).start();
            Path tmp = dir.resolve(PORT_FILE + ".tmp");
            Files.writeString(tmp, broker.bootstrapServers() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(PORT_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return new LocalBroker(dir, broker.bootstrapServers(), broker, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof BrokerStartException b) {
                throw b;
            }
            throw new BrokerStartException("cannot start the embedded broker in " + dir + ": " + e, e);
        }
    }

    private static String awaitOtherOwner(Path dir, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Path portFile = dir.resolve(PORT_FILE);
        while (true) {
            try {
                if (Files.exists(portFile)) {
                    String address = Files.readString(portFile, StandardCharsets.UTF_8).trim();
                    if (!address.isEmpty()) {
                        return address;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new BrokerStartException("another trainstream process holds " + dir.resolve(LOCK_FILE)
                            + " but its embedded broker did not publish an address in " + wait.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            } catch (IOException e) {
                throw new BrokerStartException("cannot read " + portFile + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerStartException("interrupted while waiting for " + portFile, e);
            }
        }
    }

    private static FileChannel openLockFile(Path dir) {
        try {
            Files.createDirectories(dir);
            return FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BrokerStartException("the Kafka data directory " + dir + " is not writable: " + e, e);
        }
    }

    /** @return the broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return true when this process runs the broker, false when it connected to another process's */
    public boolean ownedHere() {
        return broker != null;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker when this process started it and no other user in the JVM remains. */
    @Override
    public void close() {
        synchronized (LocalBroker.class) {
            if (broker == null || --users > 0) {
                return;
            }
            IN_THIS_JVM.remove(dataDir);
            try {
                broker.close();
            } finally {
                try {
                    Files.deleteIfExists(dataDir.resolve(PORT_FILE));
                } catch (IOException e) {
                    // a stale port file is harmless: the lock, not the file, says whether a broker runs
                }
                try {
                    lock.release();
                } catch (IOException e) {
                    // closing the channel below releases it too
                }
                closeQuietly(lockChannel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
