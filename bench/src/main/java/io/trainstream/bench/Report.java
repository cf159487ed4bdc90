package io.trainstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges {@code results/parts/*.json} into {@code results/latest.json}, writes the summary table to
 * {@code results/latest.md} and regenerates the repository's {@code BENCHMARKS.md} from it.
 *
 * <pre>
 * java -cp ... io.trainstream.bench.Report &lt;results dir&gt; &lt;BENCHMARKS.md&gt; &lt;git sha&gt; &lt;command&gt; &lt;total seconds&gt;
 * </pre>
 */
public final class Report {

    static final List<String> ORDER = List.of("overhead", "overhead-1thread", "overhead-10ms", "publishpath", "easytrain", "producer", "replay", "latency",
            "memory", "costperevent");

    private Report() {}

    /**
     * @param args results dir, BENCHMARKS.md path, git sha, the command run, total seconds
     * @throws Exception when a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path benchmarksMd = Path.of(args[1]);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().toString());
        meta.put("git_sha", args[2]);
        meta.put("command", args[3]);
        meta.put("total_s", Double.parseDouble(args[4]));
        meta.put("load_average_at_report", Machine.loadAverages());
        meta.putAll(Machine.describe());
        ObjectNode latest = Suite.JSON.createObjectNode();
        latest.set("machine", Suite.JSON.valueToTree(meta));
        ObjectNode sections = latest.putObject("sections");
        for (String name : ORDER) {
            Path part = results.resolve("parts").resolve(name + ".json");
            if (Files.exists(part)) {
                sections.set(name, Suite.JSON.readTree(part.toFile()));
            }
        }
        JsonNode djl = sections.path("overhead").path("djl");
        if (djl.isMissingNode()) {
            djl = sections.path("easytrain").path("djl");
        }
        ((ObjectNode) latest.get("machine")).set("djl", djl);
        Suite.JSON.writeValue(results.resolve("latest.json").toFile(), latest);
        String table = table(latest);
        Files.writeString(results.resolve("latest.md"), table);
        Files.writeString(benchmarksMd, benchmarksMd(latest, table));
        System.out.println(table);
    }

    static String table(JsonNode latest) {
        StringBuilder md = new StringBuilder();
        md.append("| section | metric | trainstream (median [min–max]) | baseline (median [min–max]) | ratio of medians "
                + "| paired ratios q1–q3 | target | met |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        latest.path("sections").fields().forEachRemaining(entry -> {
            JsonNode section = entry.getValue();
            if (!"ok".equals(section.path("status").asText())) {
                md.append("| ").append(entry.getKey()).append(" | **").append(section.path("status").asText())
                        .append("** | | | | | | |\n");
            }
            for (JsonNode row : section.path("rows")) {
                String unit = row.path("unit").asText();
                md.append("| ").append(entry.getKey()).append(" | ").append(row.path("metric").asText()).append(" | ")
                        .append(cell(row.path("subject"), unit)).append(" | ").append(cell(row.path("baseline"), unit))
                        .append(" | ").append(row.path("ratio").isNumber() ? fmt(row.path("ratio").asDouble(), 3) : "")
                        .append(" | ").append(pairs(row.path("paired_ratio"))).append(" | ")
                        .append(row.path("target").isTextual() ? row.path("target").asText() : "").append(" | ")
                        .append(row.has("met") ? (row.path("met").asBoolean() ? "yes" : "**no**") : "").append(" |\n");
            }
        });
        return md.toString();
    }

    private static String cell(JsonNode stats, String unit) {
        if (stats.isMissingNode() || stats.isNull() || stats.path("n").asInt() == 0) {
            return "";
        }
        double median = stats.path("median").asDouble();
        if (stats.path("n").asInt() == 1) {
            return fmt(median, median < 10 ? 2 : 0) + " " + unit;
        }
        int digits = median < 10 ? 2 : median < 1000 ? 1 : 0;
        return fmt(median, digits) + " " + unit + " [" + fmt(stats.path("min").asDouble(), digits) + "–"
                + fmt(stats.path("max").asDouble(), digits) + "] n=" + stats.path("n").asInt();
    }

    private static String pairs(JsonNode stats) {
        if (stats.isMissingNode() || stats.isNull() || stats.path("n").asInt() == 0) {
            return "";
        }
        return fmt(stats.path("q1").asDouble(), 3) + "–" + fmt(stats.path("q3").asDouble(), 3) + " (median "
                + fmt(stats.path("median").asDouble(), 3) + ")";
    }

    static String fmt(double value, int digits) {
        return String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    private static String benchmarksMd(JsonNode latest, String table) {
        JsonNode m = latest.path("machine");
        JsonNode s = latest.path("sections");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("<!-- generated by bench/run.sh (io.trainstream.bench.Report) from bench/results/latest.json; "
                + "do not edit by hand -->\n\n");
        md.append("What does event sourcing every callback event to Kafka cost? Every figure below is a ratio against a "
                + "baseline measured **in the same run**, alternating baseline and subject; absolute numbers are "
                + "shown but drift with the machine's load. Reproduce with `").append(m.path("command").asText())
                .append("` (see `bench/README.md`).\n\n");
        md.append("## Machine\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(m.path("date").asText()).append(" |\n");
        md.append("| git | ").append(m.path("git_sha").asText()).append(" |\n");
        md.append("| cpus (nproc) | ").append(m.path("cpus").asText()).append(" |\n");
        md.append("| memory | ").append(m.path("memory_mib").asText()).append(" MiB |\n");
        md.append("| Java | ").append(m.path("java").asText()).append(" |\n");
        md.append("| OS | ").append(m.path("os").asText()).append(" |\n");
        md.append("| DJL / engine | ").append(m.path("djl").path("djl").asText()).append(" / ")
                .append(m.path("djl").path("engine").asText()).append(" |\n");
        md.append("| Kafka (clients, broker, perf tools) | ").append(m.path("kafka").asText()).append(" |\n");
        md.append("| suite wall time | ").append(fmt(m.path("total_s").asDouble(), 0)).append(" s |\n");
        md.append("| load average (1/5/15 min) per section, start → end | ");
        s.fields().forEachRemaining(e -> md.append(e.getKey()).append(": ")
                .append(e.getValue().path("load_average_start").toString()).append(" → ")
                .append(e.getValue().path("load_average_end").toString()).append("; "));
        md.append("|\n\n");
        md.append("## Results\n\n").append(table).append('\n');
        md.append("Ratios: *ratio of medians* is median(subject) ÷ median(baseline); *paired ratios* are subject ÷ "
                + "baseline within each repetition (the two measured back to back), their quartiles show the spread.\n\n");
        md.append("## Details\n\n");
        JsonNode o = s.path("overhead");
        if (!o.isMissingNode()) {
            md.append("- **Publishing overhead**: ").append(o.path("model").asText()).append(", batch ")
                    .append(o.path("batch").asText()).append(", ").append(o.path("steps_per_epoch").asText())
                    .append(" steps/epoch, warm-up ").append(o.path("warmup_steps").asText()).append(" steps, ")
                    .append(o.path("repetitions").asText()).append(" ON/OFF pairs; ")
                    .append(fmt(o.path("events_per_epoch").asDouble(), 0)).append(" events per epoch; median step (OFF) ")
                    .append(fmt(o.path("step_ms_off_median").asDouble() * 1000, 0)).append(" µs; training-thread CPU per event "
                            + "in situ (ON − OFF) median ")
                    .append(fmt(o.path("training_thread_cpu_ns_per_event_in_situ").path("median").asDouble(), 0))
                    .append(" ns; delivery: ").append(o.path("delivery").asText()).append(".\n");
        }
        JsonNode p = s.path("publishpath");
        if (!p.isMissingNode()) {
            md.append("- **Publishing work on the training thread** (JMH, 1 fork): ");
            p.path("jmh").fields().forEachRemaining(e -> md.append(e.getKey()).append(" ")
                    .append(fmt(e.getValue().path("score_ns").asDouble(), 0)).append(" ns ± ")
                    .append(fmt(e.getValue().path("error_ns_99.9").asDouble(), 0)).append("; "));
            md.append("event mix per epoch: ").append(p.path("event_mix_per_epoch").toString()).append(".\n");
        }
        JsonNode e = s.path("easytrain");
        if (!e.isMissingNode()) {
            md.append("- **Trainer vs EasyTrain**: median step ").append(e.path("step_us").toString())
                    .append(" µs; EasyTrain's DefaultTrainingConfig has ").append(e.path("easytrain_listeners").asText())
                    .append(" listeners.\n");
        }
        JsonNode pr = s.path("producer");
        if (!pr.isMissingNode()) {
            md.append("- **Publisher throughput**: ").append(pr.path("events_per_repetition").asText())
                    .append(" events per repetition, mean encoded size ").append(pr.path("mean_encoded_value_bytes").asText())
                    .append(" B, settings ").append(pr.path("producer_settings").toString()).append("; ")
                    .append(pr.path("delivery").asText()).append(".\n");
        }
        JsonNode r = s.path("replay");
        if (!r.isMissingNode()) {
            md.append("- **Replay**: ").append(r.path("events").asText()).append(" events of one run, mean ")
                    .append(fmt(r.path("mean_value_bytes").asDouble(), 0)).append(" B; library path split: ")
                    .append(r.path("library_replay_split_s").toString()).append(", heap after: ")
                    .append(fmt(r.path("library_replay_heap_used_after_mb").asDouble(), 0)).append(" MB.\n");
        }
        JsonNode l = s.path("latency");
        if (!l.isMissingNode()) {
            md.append("- **Latency**: ");
            l.path("latency").fields().forEachRemaining(x -> md.append("~").append(x.getKey()).append("/s (achieved ")
                    .append(x.getValue().path("achieved_events_per_s").asText()).append("/s): consumer p50/p99 ")
                    .append(fmt(x.getValue().path("consumer_p50_ms").asDouble(), 0)).append("/")
                    .append(fmt(x.getValue().path("consumer_p99_ms").asDouble(), 0)).append(" ms, dashboard p50/p99 ")
                    .append(x.getValue().path("dashboard_p50_ms").asText()).append("/")
                    .append(x.getValue().path("dashboard_p99_ms").asText()).append(" ms (")
                    .append(x.getValue().path("dashboard_items").asText()).append(" items); "));
            md.append("\n");
        }
        JsonNode mem = s.path("memory");
        if (!mem.isMissingNode()) {
            md.append("- **Broker outage**: ").append(mem.path("outage_s").asText()).append(" s; outbox: ")
                    .append(mem.path("outbox").asText()).append("; live heap ").append(mem.path("live_heap").toString())
                    .append("; max pending ").append(mem.path("max_pending_events").asText()).append(" events; steps/s ")
                    .append(mem.path("steps_per_s").toString()).append("; ").append(mem.path("delivery").asText())
                    .append(".\n");
        }
        appendCostPerEvent(md, s.path("costperevent"));
        md.append("\nEvery value, every repetition and the load averages are in `bench/results/latest.json`.\n");
        return md.toString();
    }

    /** Issue 11 item 1's rates beside the per-event CPU: requests, records per request, wake-ups, fsyncs. */
    private static void appendCostPerEvent(StringBuilder md, JsonNode c) {
        if (c.isMissingNode()) {
            return;
        }
        md.append("- **Cost per event**: ").append(c.path("model").asText()).append(", ")
                .append(c.path("repetitions").asText()).append(" ON/OFF pairs per shape after a ")
                .append(c.path("burst_warmup_events").asText()).append("-event burst and ")
                .append(c.path("request_warmup").path("requests").asText("0"))
                .append(" flushed small requests (warm-up); medians, ON stretches:");
        for (String shape : new String[] {"long", "short"}) {
            JsonNode r = c.path(shape + "_runs");
            md.append(" ").append(shape).append(" runs: ")
                    .append(fmt(r.path("events_per_s").path("median").asDouble(), 0)).append(" events/s, ")
                    .append(fmt(r.path("produce_requests_per_s").path("median").asDouble(), 0)).append(" produce requests/s of ")
                    .append(fmt(r.path("records_per_request").path("median").asDouble(), 1)).append(" records, sender ")
                    .append(fmt(r.path("sender_wakeups_per_s").path("median").asDouble(), 0)).append(" and producer I/O ")
                    .append(fmt(r.path("producer_io_wakeups_per_s").path("median").asDouble(), 0)).append(" wake-ups/s, ")
                    .append(fmt(r.path("outbox_fsyncs_per_s").path("median").asDouble(), 1)).append(" outbox fsyncs/s;");
        }
        md.append(" µs CPU per produce request and per thread group are in the JSON.\n");
    }
}
