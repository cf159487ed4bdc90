package io.trainstream.consumers.dashboard;

import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;

import java.time.Instant;
import java.util.Map;

/** Builds one synthetic run's events with the schemas' builders; seq counts up by itself. */
final class TestEvents {

    /** A run name that would run script (alert, or set window.pwned) if it were parsed as HTML. */
    static final String HOSTILE_NAME = "<script>alert(1);window.pwned=1</script>\"quoted\" 'single' "
            + "<img src=x onerror=\"alert(2);window.pwned=2\">";
    /** A metric name that would run script if it were parsed as HTML. */
    static final String HOSTILE_METRIC = "<img src=x onerror='window.pwned=3'>\"acc\"<script>window.pwned=4</script>";

    private final String runId;
    private long seq;
    private int epoch = 1;
    private long globalStep;

    TestEvents(String runId) {
        this.runId = runId;
    }

    String runId() {
        return runId;
    }

    TrainerEvent runStart(String name) {
        RunConfig config = RunConfig.newBuilder().setNumEpochs(3).setTrainPerDeviceBatchSize(8)
                .setTrainDlKwargs(Map.of("shuffle", "true")).setEvalPerDeviceBatchSize(8)
                .setEvalDlKwargs(Map.of()).setGradientAccumulationSteps(1).setGradientClipValue(null)
                .setTrainTotalBatchSize(8).setEvalTotalBatchSize(8).setNumUpdateStepsPerEpoch(10)
                .setNumLocalUpdateStepsPerEpoch(10).setMaxNumTrainSteps(30).setIsLocalProcessZero(true)
                .setIsWorldProcessZero(true).setIsDistributed(false).setMixedPrecision("no").setNumProcesses(1)
                .build();
        RunStart start = RunStart.newBuilder().setRunConfig(config).setKind(RunKind.TRAIN).setRunName(name)
                .setHyperparameters(Map.of("lr", "0.01", "note", "<b>bold</b>")).setSeed(42L)
                .setModelSummary("mlp 4-16-3").setLibraryVersions(Map.of("djl", "0.36.0"))
                .setGitSha(null).setWatchMetric("eval_loss_epoch").setGreaterIsBetter(false).build();
        return event(EventType.RUN_START, null, start);
    }

    TrainerEvent trainStep(double loss) {
        globalStep++;
        return event(EventType.TRAIN_STEP_END, (int) (globalStep - 1), new StepEnd(loss, 8, null, null, null, loss));
    }

    TrainerEvent metric(String name, double value) {
        return event(EventType.METRIC_UPDATE, null, new MetricUpdate(name, value));
    }

    TrainerEvent custom(String name, Map<String, Object> fields) {
        return event(EventType.CUSTOM, null, new CustomEvent(name, fields));
    }

    TrainerEvent epochEnd() {
        TrainerEvent e = event(EventType.TRAIN_EPOCH_END, null, new Lifecycle());
        epoch++;
        return e;
    }

    TrainerEvent runEnd(RunEndStatus status, String reason) {
        return event(EventType.RUN_END, null, new RunEnd(status, reason, epoch, globalStep));
    }

    /** The next event with seq {@code seq}, then seq + 1. */
    private TrainerEvent event(EventType type, Integer step, Object payload) {
        long s = seq++;
        return TrainerEvent.newBuilder().setRunId(runId).setSeq(s).setTime(Instant.now())
                .setProcessIndex(0).setProcessCount(1).setHost("test").setType(type).setEpoch(epoch)
                .setGlobalStep(globalStep).setStep(step).setPayload(payload).build();
    }

    /** The typed event the dashboard reads, from one built here for the wire. */
    static RunEvent typed(TrainerEvent event) {
        return AvroEvents.fromAvro(event).orElseThrow();
    }

    /** Rewinds seq so the next event repeats an earlier one's seq (for duplicate tests). */
    void rewindTo(long newSeq) {
        seq = newSeq;
    }

    /** Skips seqs (for gap tests). */
    void skip(long count) {
        seq += count;
    }
}
