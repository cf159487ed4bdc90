package io.trainstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark section in this JVM and writes {@code results/parts/<section>.json}; {@code run.sh}
 * runs every section, each in a fresh JVM, then {@link Report}.
 *
 * <pre>
 * java -cp ... io.trainstream.bench.Suite overhead|overhead-1thread|overhead-10ms|easytrain|publishpath|producer|replay|latency|memory|costperevent [--quick]
 * </pre>
 */
public final class Suite {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Suite() {}

    /** A benchmark section. */
    interface Section {
        void run(Context ctx) throws Exception;
    }

    /**
     * @param args the section name, then optionally {@code --quick}
     * @throws Exception when the section fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Suite <section> [--quick]");
            System.exit(2);
        }
        String name = args[0];
        boolean quick = List.of(args).contains("--quick");
        if (name.equals("overhead-1thread") || name.equals("overhead-10ms")) {
            // PyTorch's intra-op pool down to one thread (before the engine loads): a core is left for
            // the publisher's threads and the broker
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        Section section = switch (name) {
            case "overhead", "overhead-1thread" -> new OverheadSection();
            case "overhead-10ms" -> new OverheadSection(OverheadSection.WIDE_HIDDEN, 60, "<= 1.02");
            case "easytrain" -> new EasyTrainSection();
            case "publishpath" -> new PublishPathSection();
            case "producer" -> new ProducerSection();
            case "replay" -> new ReplaySection();
            case "latency" -> new LatencySection();
            case "memory" -> new MemorySection();
            case "costperevent" -> new CostPerEventSection();
            default -> throw new IllegalArgumentException("unknown section " + name);
        };
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        Context ctx = new Context(name, quick);
        ctx.put("section", name);
        ctx.put("quick", quick);
        ctx.put("started", Instant.now().toString());
        ctx.put("load_average_start", Machine.loadAverages());
        long began = System.nanoTime();
        try {
            section.run(ctx);
            ctx.put("status", "ok");
        } catch (Exception | Error e) {
            ctx.put("status", "failed: " + e);
            e.printStackTrace();
        } finally {
            ctx.put("load_average_end", Machine.loadAverages());
            ctx.put("elapsed_s", (System.nanoTime() - began) / 1e9);
            ctx.put("rows", ctx.rows);
            Path part = results.resolve("parts").resolve(name + ".json");
            Files.createDirectories(part.getParent());
            JSON.writeValue(part.toFile(), ctx.data);
            ctx.log("wrote %s (%.0f s)", part, (System.nanoTime() - began) / 1e9);
            ctx.closeBroker();
        }
        System.exit("ok".equals(ctx.data.get("status")) ? 0 : 1);
    }

    /** What a section writes, and the shared broker of its JVM. */
    static final class Context {
        final String name;
        final boolean quick;
        final Map<String, Object> data = new LinkedHashMap<>();
        final List<Map<String, Object>> rows = new ArrayList<>();
        private BrokerProcess broker;

        Context(String name, boolean quick) {
            this.name = name;
            this.quick = quick;
        }

        void put(String key, Object value) {
            data.put(key, value);
        }

        /** @return a started broker in its own JVM (started on first use) */
        BrokerProcess broker() throws Exception {
            if (broker == null) {
                log("starting a Kafka broker in its own JVM...");
                broker = new BrokerProcess();
                BrokerProcess started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "bench-broker-stop"));
                broker.start();
                log("broker at %s (pid %d)", broker.bootstrapServers(), broker.pid());
            }
            return broker;
        }

        void closeBroker() {
            if (broker != null) {
                broker.close();
                broker = null;
            }
        }

        /**
         * Adds a result row to the summary table.
         *
         * @param metric what is compared
         * @param subject the trainstream side
         * @param baseline the baseline side (may be null for absolute figures)
         * @param unit unit of both
         * @param ratio the headline ratio (subject / baseline), or NaN
         * @param ratioSpread q1..q3 of the paired ratios, or null
         * @param target e.g. {@code "<= 1.03"}, or null
         */
        void row(String metric, Samples subject, Samples baseline, String unit, double ratio, Samples ratioSpread,
                String target) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", metric);
            row.put("unit", unit);
            row.put("subject", subject == null ? null : subject.stats());
            row.put("baseline", baseline == null ? null : baseline.stats());
            row.put("ratio", Double.isNaN(ratio) ? null : ratio);
            row.put("paired_ratio", ratioSpread == null ? null : ratioSpread.stats());
            row.put("target", target);
            if (target != null && !Double.isNaN(ratio)) {
                double bound = Double.parseDouble(target.substring(3).trim());
                row.put("met", target.startsWith("<=") ? ratio <= bound : ratio >= bound);
            }
            rows.add(row);
        }

        void log(String format, Object... args) {
            System.err.printf("[%s %tT] %s%n", name, System.currentTimeMillis(), String.format(format, args));
        }
    }

    /**
     * For experiments: system properties {@code bench.producer.<setting>} (e.g. {@code -Dbench.producer.linger.ms=20})
     * become producer overrides of the publisher under test; none are set in the reported runs unless stated.
     */
    static io.trainstream.trainer.kafka.KafkaPublisherConfig.Builder withBenchOverrides(
            io.trainstream.trainer.kafka.KafkaPublisherConfig.Builder config) {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.producer."))
                .forEach(k -> config.addProducerOverride(k.substring("bench.producer.".length()), System.getProperty(k)));
        return config;
    }

    /** Parks the calling thread for about {@code millis}. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
