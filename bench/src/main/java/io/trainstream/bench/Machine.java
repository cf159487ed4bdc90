package io.trainstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the benchmarks ran on: load averages, memory, versions. */
final class Machine {

    private Machine() {}

    /** @return the 1, 5 and 15 minute load averages from /proc/loadavg (or the JVM's 1-minute one) */
    static List<Double> loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return List.of(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** @return total memory in MiB from /proc/meminfo, or -1 */
    static long memoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** @return nproc, memory, Java, OS, Kafka client version */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("memory_mib", memoryMib());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        return m;
    }

    /** @return DJL and PyTorch versions; loads the engine */
    static Map<String, Object> djl() {
        Map<String, Object> m = new LinkedHashMap<>();
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getInstance();
        m.put("djl", ai.djl.engine.Engine.getDjlVersion());
        m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        return m;
    }
}
