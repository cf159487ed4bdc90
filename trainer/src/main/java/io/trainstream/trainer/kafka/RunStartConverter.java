package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStart;

/** Builds the {@code run_start} payload record, its {@link RunConfig} from the {@code run_config} map. */
final class RunStartConverter {

    private RunStartConverter() {}

    static RunStart convert(Fields f) {
        String summary = f.stringOrNull("model_summary");
        return new RunStart(runConfig(f.nested("run_config")), RunKind.valueOf(f.string("kind")),
                f.stringOrNull("run_name"), f.stringMap("hyperparameters"), f.longOrNull("seed"),
                summary == null ? "" : summary, f.stringMap("library_versions"), f.stringOrNull("git_sha"),
                f.stringOrNull("watch_metric"), f.boolOr("greater_is_better", false));
    }

    private static RunConfig runConfig(Fields c) {
        return new RunConfig(
                c.number("num_epochs").intValue(),
                c.number("train_per_device_batch_size").intValue(),
                c.stringMap("train_dl_kwargs"),
                c.number("eval_per_device_batch_size").intValue(),
                c.stringMap("eval_dl_kwargs"),
                c.number("gradient_accumulation_steps").intValue(),
                c.doubleOrNull("gradient_clip_value"),
                c.number("train_total_batch_size").intValue(),
                c.number("eval_total_batch_size").intValue(),
                c.number("num_update_steps_per_epoch").intValue(),
                c.number("num_local_update_steps_per_epoch").intValue(),
                c.number("max_num_train_steps").longValue(),
                c.bool("is_local_process_zero"),
                c.bool("is_world_process_zero"),
                c.bool("is_distributed"),
                c.string("mixed_precision"),
                c.number("num_processes").intValue());
    }
}
