package io.trainstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU of a JVM's threads summed per thread <em>group</em> (JIT compiler threads, GC threads, the Kafka
 * producer's I/O thread, the event sender, the broker's network and request-handler threads, ...), from
 * Linux's per-thread {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on CPU). Linux keeps only the
 * first 15 characters of a thread's name, so the full Java names come from one {@code jcmd Thread.print}
 * (its {@code nid} is the Linux thread id), taken by {@link #names()} outside any measured stretch.
 */
final class ThreadGroupCpu {

    private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*)\" .*nid=0x([0-9a-f]+)");

    private final long pid;
    private final long trainingTid;
    private final Map<Long, String> fullNames = new HashMap<>();

    /**
     * @param pid the JVM's process id
     * @param trainingTid the Linux id of the thread to report as "training", or -1
     */
    ThreadGroupCpu(long pid, long trainingTid) {
        this.pid = pid;
        this.trainingTid = trainingTid;
    }

    /** @return an accounting of this JVM, with the calling thread as the training thread */
    static ThreadGroupCpu self() {
        return new ThreadGroupCpu(ProcessHandle.current().pid(), currentTid());
    }

    /** @return the Linux thread id of the calling thread, or -1 off Linux */
    static long currentTid() {
        try {
            // /proc/thread-self links to <pid>/task/<tid> of the thread that reads it
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Learns the full Java names of the JVM's threads (one {@code jcmd}); threads unknown then keep their 15-character name. */
    ThreadGroupCpu names() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                Matcher m = THREAD_LINE.matcher(line);
                if (m.find()) {
                    fullNames.put(Long.parseLong(m.group(2), 16), m.group(1));
                }
            }
        } catch (IOException e) {
            // no jcmd: the 15-character names group almost as well
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** @return ns on CPU per group, summed over the threads alive now (ended threads' CPU is lost) */
    Map<String, Long> sample() {
        return sample(0);
    }

    /**
     * @return times each group's threads were put on a CPU (schedstat's third field: one per wake-up or
     *     preemption), summed over the threads alive now
     */
    Map<String, Long> sampleRuns() {
        return sample(2);
    }

    private Map<String, Long> sample(int field) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    String name = fullNames.getOrDefault(tid, Files.readString(task.resolve("comm")).trim());
                    long value = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[field]);
                    groups.merge(tid == trainingTid ? "training" : group(name), value, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** @return after minus before, per group */
    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0L)));
        before.forEach((k, v) -> diff.putIfAbsent(k, -v));
        return diff;
    }

    /** @return the group of a thread by its (full or 15-character) name */
    static String group(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "jit-compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        if (name.startsWith("VM Thread") || name.startsWith("VM Periodic")) {
            return "vm-thread";
        }
        if (name.startsWith("kafka-producer-")) {
            return "kafka-producer-io";
        }
        if (name.startsWith("trainstream-eve")) {
            return "trainstream-sender";
        }
        if (name.contains("network-thread")) {
            return "broker-network";
        }
        if (name.contains("request-handler")) {
            return "broker-request-handler";
        }
        if (name.startsWith("data-plane-kafk")) {
            return "broker-network+handlers";
        }
        if (name.startsWith("JFR ") || name.startsWith("JFR")) {
            return "jfr";
        }
        // the rest by name with numbers blanked, so pools count as one group
        String generic = name.replaceAll("[0-9]+", "#");
        return generic.length() > 40 ? generic.substring(0, 40) : generic;
    }
}
