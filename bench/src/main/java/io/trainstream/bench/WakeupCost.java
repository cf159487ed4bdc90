package io.trainstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 11, per-request cost: what one thread wake-up costs on this machine, without Kafka. Two threads
 * exchange 64-byte messages over a loopback TCP socket (a blocking read is one wake-up, as a Kafka
 * network thread's or producer I/O thread's poll is), back to back or paced at a fixed rate. Reports,
 * per round trip, the CPU each thread spent and how often it was put on a CPU, both from Linux's
 * {@code /proc/thread-self/schedstat} (the source the {@code costperevent} section uses). If the CPU per
 * round trip at 100/s is many times that at full speed, a rate-dependent cost of waking (idle CPU exits,
 * cold caches, the VM) rather than the work per request sets the per-request figures.
 *
 * <pre>java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.trainstream.bench.WakeupCost [seconds]</pre>
 */
public final class WakeupCost {

    private static final int MESSAGE = 64;

    private WakeupCost() {
    }

    /**
     * Runs the round trips at full speed, then at 10,000, 1,000 and 100 per second.
     *
     * @param args optional seconds per rate (default 5)
     * @throws Exception if the loopback socket fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("rate/s | round trips | echo thread µs CPU/trip | echo runs/trip | caller µs CPU/trip | caller runs/trip");
        // a first full-speed pass only warms the JIT up
        run(0, 2);
        for (int rate : new int[] {0, 10_000, 1_000, 100}) {
            long[] r = run(rate, seconds);
            System.out.printf("%s | %d | %.1f | %.2f | %.1f | %.2f%n", rate == 0 ? "full speed" : String.valueOf(rate), r[0],
                    r[1] / 1e3 / r[0], (double) r[2] / r[0], r[3] / 1e3 / r[0], (double) r[4] / r[0]);
        }
        System.out.printf("load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** @return {trips, echo ns, echo runs, caller ns, caller runs} */
    private static long[] run(int rate, int seconds) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long[] echo = new long[2];
            Thread echoThread = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    s.setTcpNoDelay(true);
                    byte[] buf = new byte[MESSAGE];
                    long[] start = schedstat();
                    while (in.readNBytes(buf, 0, MESSAGE) == MESSAGE) {
                        out.write(buf);
                    }
                    // the caller's close ends the loop: one wake-up more than the round trips, negligible
                    long[] now = schedstat();
                    echo[0] = now[0] - start[0];
                    echo[1] = now[1] - start[1];
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "wakeup-echo");
            echoThread.start();
            long trips = 0;
            long[] caller;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                s.setTcpNoDelay(true);
                byte[] buf = new byte[MESSAGE];
                long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(seconds);
                long[] before = schedstat();
                long next = start;
                while (System.nanoTime() < end) {
                    out.write(buf);
                    if (in.readNBytes(buf, 0, MESSAGE) != MESSAGE) {
                        throw new IOException("the echo thread closed the socket");
                    }
                    trips++;
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long[] after = schedstat();
                caller = new long[] {after[0] - before[0], after[1] - before[1]};
            }
            echoThread.join();
            return new long[] {trips, echo[0], echo[1], caller[0], caller[1]};
        }
    }

    /** @return {ns on CPU, times put on a CPU} of the calling thread */
    private static long[] schedstat() throws IOException {
        String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[2])};
    }
}
