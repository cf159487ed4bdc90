package io.trainstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU and wake-up counters of this JVM and of another process, from the JVM's own accounting and from
 * Linux's /proc: process CPU of all threads (GC and JIT included), the calling thread's CPU, a
 * process's CPU by pid, and context switches of this JVM's threads by name.
 */
final class ProcStats {

    /** Linux's USER_HZ: /proc/&lt;pid&gt;/stat counts CPU time in 1/100 s on every Linux this runs on. */
    private static final long TICK_NANOS = 10_000_000L;

    private ProcStats() {
    }

    /** @return CPU of every thread of this JVM except the calling one, in ns */
    static long otherThreadsCpuNanos() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() - ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** @return user + system CPU of a process, in ns (10 ms resolution); 0 when it cannot be read */
    static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * @param namePrefix the start of the threads' names as Linux keeps them (15 characters at most)
     * @return voluntary + involuntary context switches of this JVM's threads so named
     */
    static long contextSwitches(String namePrefix) {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith(namePrefix)) {
                        continue;
                    }
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
