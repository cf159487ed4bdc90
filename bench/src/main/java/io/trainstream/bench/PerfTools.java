package io.trainstream.bench;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own perf tools ({@code kafka-tools} {@link ProducerPerformance} and {@link ConsumerPerformance}),
 * run in this JVM through their {@code main}, their stdout captured and parsed. {@link Exit} is made
 * to throw instead of ending the JVM.
 */
final class PerfTools {

    private static final Pattern PRODUCER_FINAL =
            Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency");

    static {
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka perf tool exited with " + code + ": " + message);
        });
    }

    private PerfTools() {}

    /** The producer tool's final line. */
    record ProducerResult(long records, double recordsPerSec, double mbPerSec, double avgLatencyMs, String line) {}

    /** The consumer tool's result line. */
    record ConsumerResult(long messages, double messagesPerSec, double fetchMessagesPerSec, long rebalanceMs,
            long fetchMs, String line) {}

    static ProducerResult producer(String bootstrap, String topic, long records, int recordSize,
            Map<String, String> producerProps) throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap));
        producerProps.forEach((k, v) -> args.add(k + "=" + v));
        String out = capture(() -> ProducerPerformance.main(args.toArray(String[]::new)));
        String last = null;
        for (String line : out.split("\n")) {
            if (PRODUCER_FINAL.matcher(line).find()) {
                last = line;
            }
        }
        if (last == null) {
            throw new IllegalStateException("no final line in ProducerPerformance's output:\n" + out);
        }
        Matcher m = PRODUCER_FINAL.matcher(last);
        m.find();
        return new ProducerResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), last.trim());
    }

    static ConsumerResult consumer(String bootstrap, String topic, long messages) throws Exception {
        return consumer(bootstrap, topic, messages, Map.of());
    }

    /** @param consumerProps consumer settings for the tool ({@code --command-config}), e.g. fetch sizes */
    static ConsumerResult consumer(String bootstrap, String topic, long messages, Map<String, String> consumerProps)
            throws Exception {
        List<String> argList = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic, "--messages",
                String.valueOf(messages), "--group", "bench-perf-" + UUID.randomUUID(), "--timeout", "60000",
                "--hide-header"));
        java.nio.file.Path config = null;
        if (!consumerProps.isEmpty()) {
            config = java.nio.file.Files.createTempFile("consumer-perf", ".properties");
            StringBuilder text = new StringBuilder();
            consumerProps.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            java.nio.file.Files.writeString(config, text);
            argList.addAll(List.of("--command-config", config.toString()));
        }
        String[] args = argList.toArray(String[]::new);
        String out;
        try {
            out = capture(() -> ConsumerPerformance.main(args));
        } finally {
            if (config != null) {
                java.nio.file.Files.deleteIfExists(config);
            }
        }
        for (String line : out.split("\n")) {
            String[] f = line.split(",\\s*");
            if (f.length == 10) {
                try {
                    return new ConsumerResult(Long.parseLong(f[4].trim()), Double.parseDouble(f[5].trim()),
                            Double.parseDouble(f[9].trim()), Long.parseLong(f[6].trim()), Long.parseLong(f[7].trim()),
                            line.trim());
                } catch (NumberFormatException e) {
                    // not the result line
                }
            }
        }
        throw new IllegalStateException("no result line in ConsumerPerformance's output:\n" + out);
    }

    private interface Main {
        void run() throws Exception;
    }

    private static synchronized String capture(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
