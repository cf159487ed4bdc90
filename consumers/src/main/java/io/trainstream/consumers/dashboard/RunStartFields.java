package io.trainstream.consumers.dashboard;

import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.events.RunStart;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Flattens a {@code run_start} payload into the string tables the run page shows. */
final class RunStartFields {

    private RunStartFields() {
    }

    /** The run config's fields in schema order, by snake_case name. */
    static Map<String, String> config(RunStart start) {
        RunConfig config = start.runConfig();
        Map<String, String> out = new LinkedHashMap<>();
        for (Schema.Field field : config.getSchema().getFields()) {
            out.put(field.name(), String.valueOf(config.get(field.pos())));
        }
        return out;
    }

    /** Seed, git sha, watched metric, model summary and library versions. */
    static Map<String, String> provenance(RunStart start) {
        Map<String, String> out = new LinkedHashMap<>();
        putIfPresent(out, "seed", start.seed());
        putIfPresent(out, "git_sha", start.gitSha());
        putIfPresent(out, "watch_metric", start.watchMetric());
        out.put("greater_is_better", Boolean.toString(start.greaterIsBetter()));
        putIfPresent(out, "model_summary", start.modelSummary());
        sorted(start.libraryVersions()).forEach((lib, version) -> out.put("lib." + lib, version));
        return out;
    }

    /** A copy sorted by key (null-safe). */
    static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    private static void putIfPresent(Map<String, String> out, String key, Object value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }
}
