package io.trainstream.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a JFR recording's hottest Java frames (execution samples: threads running Java code; time in
 * native code such as PyTorch kernels is not sampled): self time (top frame of each execution sample) and total
 * time (any frame on the stack), optionally only for threads whose name contains a filter.
 *
 * <pre>java -cp ... io.trainstream.bench.JfrTop recording.jfr [thread-filter] [rows] [frame-filter]</pre>
 * (frame-filter: only samples with a frame whose {@code Class.method:line} contains it, e.g. one bench variant)
 */
public final class JfrTop {

    private JfrTop() {}

    /**
     * @param args the recording, optionally a thread-name filter and the number of rows
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        String filter = args.length > 1 ? args[1] : "";
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        // optionally only samples with a frame whose method name contains this (one variant of a section)
        String under = args.length > 3 ? args[3] : "";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            // Java code on CPU only: jdk.NativeMethodSample also counts threads blocked in native code
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.contains(filter)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (!under.isEmpty() && frames.stream().noneMatch(f -> name(f).contains(under))) {
                continue;
            }
            samples++;
            threads.merge(thread, 1, Integer::sum);
            self.merge(name(frames.get(0)), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d samples (threads containing '%s')%n", samples, filter);
        print("threads", threads, samples, 8);
        print("self", self, samples, rows);
        print("total (on stack)", total, samples, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
