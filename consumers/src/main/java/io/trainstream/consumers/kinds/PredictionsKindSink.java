package io.trainstream.consumers.kinds;

import io.trainstream.consumers.predictions.PredictionsConsumer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link ConsumerKind#PREDICTIONS}: a {@link PredictionsConsumer} writing {@code <dir>/<run id>/epoch-<n>.csv}. */
final class PredictionsKindSink extends KindSink {

    private final PredictionsConsumer predictions;

    PredictionsKindSink(String name, Path dir) {
        this(new PredictionsConsumer(dir, name));
    }

    private PredictionsKindSink(PredictionsConsumer predictions) {
        super(predictions);
        this.predictions = predictions;
    }

    @Override
    List<String> liveOutputs(LiveSetup setup) {
        return List.of("output: " + setup.outDir() + "/<run id>/epoch-<n>.csv");
    }

    @Override
    Optional<Path> redriveOutput(String runId, Path dir) {
        return Optional.of(predictions.runDirectory(runId));
    }
}
