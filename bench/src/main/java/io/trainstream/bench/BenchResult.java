package io.trainstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trainstream.trainer.kafka.DeliveryReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The publishing-overhead numbers: printed as a table and written as JSON. */
record BenchResult(int repetitions, int stepsPerEpoch, int batch, int warmupSteps, Samples onLoop, Samples offLoop,
        Samples onCall, Samples offCall, Samples onCpu, Samples offCpu, double eventsPerEpoch, double eventsPerSecond, DeliveryReport report) {

    void print(PrintStream out) {
        out.printf("%nPublishing overhead: MLP 64-64-64-10, batch %d, %d steps/epoch, %d repetitions, warm-up %d steps%n",
                batch, stepsPerEpoch, repetitions, warmupSteps);
        out.printf("%-32s %12s %12s %10s %9s%n", "", "median ON", "median OFF", "ON/OFF", "spread");
        row(out, "epoch loop (ms)", onLoop, offLoop);
        row(out, "train() call incl. flush (ms)", onCall, offCall);
        row(out, "training-thread CPU, loop (ms)", onCpu, offCpu);
        out.printf("events/epoch %.0f, events/s while publishing %.0f; delivery: %s%n", eventsPerEpoch,
                eventsPerSecond, report.message());
    }

    private static void row(PrintStream out, String name, Samples on, Samples off) {
        out.printf("%-32s %12.1f %12.1f %10.3f %4.0f%%/%2.0f%%%n", name, on.median(), off.median(),
                on.median() / off.median(), on.spread() * 100, off.spread() * 100);
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "PublishingOverheadBench");
        json.put("time", Instant.now().toString());
        json.put("java", System.getProperty("java.version"));
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        json.put("model", "MLP 64-64-64-10, generated data");
        json.put("batch", batch);
        json.put("steps_per_epoch", stepsPerEpoch);
        json.put("warmup_steps", warmupSteps);
        json.put("repetitions", repetitions);
        json.put("epoch_loop_ms", Map.of("on", stats(onLoop), "off", stats(offLoop)));
        json.put("train_call_ms", Map.of("on", stats(onCall), "off", stats(offCall)));
        json.put("training_thread_cpu_ms", Map.of("on", stats(onCpu), "off", stats(offCpu)));
        json.put("ratio_on_off_training_thread_cpu", onCpu.median() / offCpu.median());
        json.put("load_average_at_end", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        json.put("ratio_on_off_epoch_loop", onLoop.median() / offLoop.median());
        json.put("ratio_on_off_train_call", onCall.median() / offCall.median());
        json.put("events_per_epoch", eventsPerEpoch);
        json.put("events_per_second", eventsPerSecond);
        json.put("delivery", report.message());
        json.put("all_delivered", report.allDelivered());
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static Map<String, Object> stats(Samples samples) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("median", samples.median());
        stats.put("min", samples.min());
        stats.put("max", samples.max());
        stats.put("spread", samples.spread());
        stats.put("values", samples.values());
        return stats;
    }
}
