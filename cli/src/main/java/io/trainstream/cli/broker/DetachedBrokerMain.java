package io.trainstream.cli.broker;

import io.trainstream.broker.BrokerStartException;
import org.apache.kafka.common.utils.Exit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The detached local broker process, started by {@link LocalBroker} from the running classpath:
 *
 * <pre>
 * java -cp CLASSPATH io.trainstream.cli.broker.DetachedBrokerMain DATA_DIR IDLE_SECONDS
 * </pre>
 *
 * <p>Runs a {@link BrokerHost} until SIGTERM or the idle timeout. Its stdout and stderr are the
 * broker's log file. A failure ends the process with one line starting with
 * {@link BrokerFiles#FAILURE_MARK}, which the starting command reports: a start failure (exit 1),
 * another broker already running (exit 3), or Kafka halting the JVM on a fatal error such as a failed
 * log directory (Kafka's exit code).
 */
public final class DetachedBrokerMain {

    private DetachedBrokerMain() {
    }

    /** @param args the data directory and the idle timeout in seconds (0: never) */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            fail(2, "usage: DetachedBrokerMain DATA_DIR IDLE_SECONDS");
        }
        Path dataDir = Path.of(args[0]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
        // Kafka halts the JVM on fatal errors (a failed log dir, out of memory): say so in one line first
        BrokerFiles files = new BrokerFiles(dataDir);
        Exit.setHaltProcedure((code, message) -> {
            // Kafka logs why (e.g. "Shutdown broker because all log dirs in ... have failed") just before
            // halting, usually without a message here: name that last error in the one line
            String reason = message != null ? message : files.lastErrorLogged().orElse("see " + files.file(BrokerFiles.LOG));
            System.out.flush();
            System.err.println(BrokerFiles.FAILURE_MARK + "Kafka stopped the broker (exit " + code + "): "
                    + reason.strip().replaceAll("\\s*\\R\\s*", " "));
            System.err.flush();
            Runtime.getRuntime().halt(code);
        });
        BrokerHost host;
        try {
            host = BrokerHost.start(dataDir, 0, idle);
        } catch (BrokerHost.AlreadyRunningException e) {
            fail(3, e.getMessage());
            return;
        } catch (BrokerStartException e) {
            fail(1, e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "trainstream-broker-shutdown"));
        System.out.println("bootstrap.servers=" + host.bootstrapServers() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        host.awaitStop();
        System.exit(0);
    }

    private static void fail(int code, String message) {
        System.err.println(BrokerFiles.FAILURE_MARK + message.strip().replaceAll("\\s*\\R\\s*", " "));
        System.err.flush();
        System.exit(code);
    }
}
