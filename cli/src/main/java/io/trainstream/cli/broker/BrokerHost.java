package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local broker of one data directory in this process: holds the owner lock, starts Kafka on
 * the ports of the last start when they are free, publishes the address, and (with an idle timeout)
 * stops once no command has held a lease for that long. The detached broker process
 * ({@link DetachedBrokerMain}) and {@code trainstream broker} (foreground) both run one.
 */
public final class BrokerHost implements AutoCloseable {

    /** The number of partitions of topics the broker creates by itself. */
    static final int AUTO_TOPIC_PARTITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerHost.class);
    private static final long IDLE_POLL_MILLIS = 500;

    private final BrokerFiles files;
    private final LockFile owner;
    private final LockFile leases;
    private final EmbeddedKafkaBroker broker;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private BrokerHost(BrokerFiles files, LockFile owner, LockFile leases, EmbeddedKafkaBroker broker) {
        this.files = files;
        this.owner = owner;
        this.leases = leases;
        this.broker = broker;
    }

    /**
     * Starts the broker on {@code dataDir} unless another process runs one there.
     *
     * @param dataDir the data directory
     * @param port the client port; 0 for the port of the last start when free, else any free port
     * @param idle stop after this long without any command's lease; zero or negative: never
     * @return the running host
     * @throws AlreadyRunningException when another process owns the directory
     * @throws BrokerStartException when Kafka cannot start (data dir not writable, port taken, not ready in time)
     */
    public static BrokerHost start(Path dataDir, int port, Duration idle) {
        BrokerFiles files = new BrokerFiles(dataDir);
        LockFile owner = LockFile.open(files.file(BrokerFiles.OWNER_LOCK));
        if (!owner.tryLock(false)) {
            owner.close();
            throw new AlreadyRunningException(files);
        }
        LockFile leases = null;
        try {
            files.writeAtomically(BrokerFiles.PID, Long.toString(ProcessHandle.current().pid()));
            files.deleteQuietly(BrokerFiles.ADDRESS);
            int[] ports = port != 0 ? new int[] {port, 0} : reusablePorts(files.lastPorts());
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(files.dir())
                    .optBrokerPort(ports[0]).optControllerPort(ports[1]).optNumPartitions(AUTO_TOPIC_PARTITIONS).build()).start();
            files.writeAtomically(BrokerFiles.LAST_PORTS, broker.brokerPort() + " " + broker.controllerPort());
            files.writeAtomically(BrokerFiles.ADDRESS, broker.bootstrapServers());
            leases = LockFile.open(files.file(BrokerFiles.LEASE_LOCK));
            BrokerHost host = new BrokerHost(files, owner, leases, broker);
            if (!idle.isZero() && !idle.isNegative()) {
                host.watchIdle(idle);
            }
            return host;
        } catch (IOException | RuntimeException e) {
            if (leases != null) {
                leases.close();
            }
            files.deleteQuietly(BrokerFiles.PID);
            owner.close();
            if (e instanceof BrokerStartException b) {
                throw b;
            }
            throw new BrokerStartException("cannot start the local broker in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #start(Path, int, Duration)}, holding the start lock meanwhile, so commands that look for
     * the broker at the same time wait for its address instead of starting another.
     *
     * @param dataDir the data directory
     * @param port the client port, 0 for the last one when free
     * @param idle the idle timeout, zero for none
     * @return the running host
     */
    public static BrokerHost startLocked(Path dataDir, int port, Duration idle) {
        BrokerFiles files = new BrokerFiles(dataDir);
        try (LockFile start = LockFile.open(files.file(BrokerFiles.START_LOCK))) {
            start.lock(false, Duration.ofSeconds(90), "another trainstream command starting the local broker");
            return start(dataDir, port, idle);
        }
    }

    /** @return the broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Blocks until the broker has stopped (idle timeout or {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Unpublishes the address, stops Kafka cleanly and releases the owner lock. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            files.deleteQuietly(BrokerFiles.ADDRESS);
            broker.stop();
        } finally {
            files.deleteQuietly(BrokerFiles.PID);
            owner.close();
            // released last: a command waiting for a lease then finds no broker and starts a new one
            leases.close();
            stopped.countDown();
        }
    }

    /**
     * Polls the lease lock: when it can be taken exclusively, no command is attached. After {@code idle}
     * of that, the broker stops while still holding it, so no command can attach to a broker going away.
     */
    private void watchIdle(Duration idle) {
        Thread watcher = new Thread(() -> {
            long idleSince = 0;
            try {
                while (stopped.getCount() > 0) {
                    if (leases.tryLock(false)) {
                        long now = System.nanoTime();
                        idleSince = idleSince == 0 ? now : idleSince;
                        if (now - idleSince >= idle.toNanos()) {
                            LOG.info("no trainstream command used the broker for {} s: stopping it", idle.toSeconds());
                            close();
                            return;
                        }
                        leases.unlock();
                    } else {
                        idleSince = 0;
                    }
                    Thread.sleep(IDLE_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("idle watch stopped: {}", e.toString());
            }
        }, "trainstream-broker-idle");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The last start's ports where they can still be bound, 0 (pick one) where not. */
    private static int[] reusablePorts(int[] last) {
        int brokerPort = last[0] != 0 && canBind(last[0]) ? last[0] : 0;
        int controllerPort = last[1] != 0 && last[1] != brokerPort && canBind(last[1]) ? last[1] : 0;
        return new int[] {brokerPort, controllerPort};
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Thrown when another process already runs the broker of a data directory. */
    public static final class AlreadyRunningException extends BrokerStartException {

        /** @param files the directory's files, for the address and pid in the message */
        public AlreadyRunningException(BrokerFiles files) {
            super("a trainstream broker already runs on " + files.dir()
                    + files.address().map(a -> " at " + a).orElse("")
                    + (files.pid().isPresent() ? " (pid " + files.pid().getAsLong() + ")" : ""));
        }
    }
}
