package io.trainstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Summarises an async-profiler CPU profile in collapsed form, recorded with its {@code threads} option
 * (the first frame of each stack names the thread): per thread group (as {@link ThreadGroupCpu} groups
 * them: JIT compiler, GC, producer I/O, sender, broker network, ...) its share of all samples, its
 * hottest self frames (Java, native and kernel) and the frames most often on its stacks.
 *
 * <pre>java -cp ... io.trainstream.bench.CollapsedTop profile.collapsed [rows] [group-filter]</pre>
 */
public final class CollapsedTop {

    private CollapsedTop() {}

    /**
     * @param args the collapsed profile, optionally the rows per group and a group-name filter
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        String filter = args.length > 2 ? args[2] : "";
        Map<String, Long> groupSamples = new TreeMap<>();
        Map<String, Map<String, Long>> self = new HashMap<>();
        Map<String, Map<String, Long>> total = new HashMap<>();
        long all = 0;
        try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
            for (String line : (Iterable<String>) lines::iterator) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1).trim());
                String[] frames = line.substring(0, space).split(";");
                String group = ThreadGroupCpu.group(threadName(frames[0]));
                all += count;
                groupSamples.merge(group, count, Long::sum);
                self.computeIfAbsent(group, g -> new HashMap<>()).merge(frames[frames.length - 1], count, Long::sum);
                Set<String> seen = new HashSet<>();
                Map<String, Long> totals = total.computeIfAbsent(group, g -> new HashMap<>());
                for (int i = 1; i < frames.length; i++) {
                    if (seen.add(frames[i])) {
                        totals.merge(frames[i], count, Long::sum);
                    }
                }
            }
        }
        System.out.printf("%d samples in all%n", all);
        long samples = all;
        groupSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getKey().contains(filter) && e.getValue() * 200 >= samples)
                .forEach(e -> {
                    System.out.printf("%n== %s: %.1f%% of samples (%d)%n", e.getKey(), 100.0 * e.getValue() / samples, e.getValue());
                    print("self", self.get(e.getKey()), e.getValue(), rows);
                    print("on stack", total.get(e.getKey()), e.getValue(), rows);
                });
    }

    /** @return the thread name from a first frame such as {@code [kafka-producer-network-thread | x tid=123]} */
    private static String threadName(String frame) {
        String name = frame.startsWith("[") && frame.endsWith("]") ? frame.substring(1, frame.length() - 1) : frame;
        int tid = name.lastIndexOf(" tid=");
        return tid > 0 ? name.substring(0, tid) : name;
    }

    private static void print(String title, Map<String, Long> counts, long groupTotal, int rows) {
        System.out.println("  -- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / groupTotal, e.getKey()));
    }
}
