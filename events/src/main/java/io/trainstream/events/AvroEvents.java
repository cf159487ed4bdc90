package io.trainstream.events;

import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EpochChange;
import io.trainstream.schemas.avro.EvalEpochBoundary;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.HistoryReset;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricDeleted;
import io.trainstream.schemas.avro.MetricPrefixChanged;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.StopTraining;
import io.trainstream.schemas.avro.TrainerEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping between typed events and the Avro wire record {@link TrainerEvent}, both ways.
 * Stateless and thread-safe. {@code fromAvro(toAvro(e))} equals {@code e} for every event.
 */
public final class AvroEvents {

    private static final Lifecycle NO_DATA = new Lifecycle();
    /**
     * The kind of each wire type, by ordinal (null where no kind has the type's name): {@code Enum.valueOf}
     * per event, a hash lookup by name, was 2-4% of a consumer's decoding in profiles.
     */
    private static final EventKind[] KIND_BY_TYPE = kindsByType();

    private AvroEvents() {}

    /**
     * @param event a typed event
     * @return the wire record, its payload the one its kind carries
     */
    public static TrainerEvent toAvro(RunEvent event) {
        EventHeader h = event.header();
        return new TrainerEvent(h.runId(), h.seq(), Instant.ofEpochMilli(h.timeMillis()), h.processIndex(),
                h.processCount(), h.host(), EventType.valueOf(event.kind().name()), h.epoch(), h.globalStep(),
                h.step(), payload(event.body()));
    }

    private static Object payload(EventBody body) {
        return switch (body.kind()) {
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_EPOCH_END, EVAL_STEP_START,
                    TRAINING_RUN_EPOCH_END, TRAINING_RUN_END, EVALUATION_RUN_START, EVALUATION_RUN_END -> NO_DATA;
            case TRAIN_STEP_END -> stepEnd(((EventBody.TrainStepEnd) body).values());
            case EVAL_STEP_END -> stepEnd(((EventBody.EvalStepEnd) body).values());
            case EVAL_EPOCH_START -> new EvalEpochBoundary(((EventBody.EvalEpochStart) body).isIntermediate());
            case EVAL_EPOCH_END -> new EvalEpochBoundary(((EventBody.EvalEpochEnd) body).isIntermediate());
            case STOP_TRAINING_ERROR -> new StopTraining(((EventBody.StopTrainingError) body).reason());
            case METRIC_UPDATE -> {
                EventBody.MetricUpdate update = (EventBody.MetricUpdate) body;
                yield new MetricUpdate(update.name(), update.value());
            }
            case METRIC_DELETED -> new MetricDeleted(((EventBody.MetricDeleted) body).name());
            case METRIC_PREFIX_CHANGED -> new MetricPrefixChanged(((EventBody.MetricPrefixChanged) body).prefix());
            case HISTORY_RESET -> new HistoryReset(((EventBody.HistoryReset) body).reason());
            case EPOCH_CHANGE -> {
                EventBody.EpochChange change = (EventBody.EpochChange) body;
                yield new EpochChange(change.epoch(), change.cause());
            }
            case RUN_START -> runStart((RunStart) body);
            case RUN_END -> {
                EventBody.RunEnd end = (EventBody.RunEnd) body;
                yield new RunEnd(end.status(), end.reason(), end.epochsCompleted(), end.globalStep());
            }
            case CUSTOM -> {
                EventBody.Custom custom = (EventBody.Custom) body;
                yield new CustomEvent(custom.name(), new LinkedHashMap<>(custom.fields()));
            }
        };
    }

    private static StepEnd stepEnd(StepValues v) {
        return new StepEnd(v.loss(), v.batchSize(), v.predictions(), v.targets(), v.sampleIds(), v.callbackLoss());
    }

    private static io.trainstream.schemas.avro.RunStart runStart(RunStart s) {
        return new io.trainstream.schemas.avro.RunStart(s.runConfig(), s.runKind(), s.runName(),
                new LinkedHashMap<>(s.hyperparameters()), s.seed(), s.modelSummary(),
                new LinkedHashMap<>(s.libraryVersions()), s.gitSha(), s.watchMetric(), s.greaterIsBetter());
    }

    /**
     * @param record a wire record, as decoded by {@code EventCodec}
     * @return the typed event; empty for a kind this version does not know (a newer writer's, read as
     *     {@code UNKNOWN})
     * @throws IllegalArgumentException when the payload does not fit the type or breaks a record's checks
     */
    public static Optional<RunEvent> fromAvro(TrainerEvent record) {
        if (record.getType() == EventType.UNKNOWN) {
            return Optional.empty();
        }
        EventKind kind = KIND_BY_TYPE[record.getType().ordinal()];
        if (kind == null) {
            kind = EventKind.valueOf(record.getType().name()); // throws, naming the type
        }
        EventHeader header = new EventHeader(record.getRunId(), record.getSeq(), record.getTime().toEpochMilli(),
                record.getProcessIndex(), record.getProcessCount(), record.getHost(), record.getEpoch(),
                record.getGlobalStep(), record.getStep());
        return Optional.of(new RunEvent(header, body(kind, record.getPayload())));
    }

    private static EventKind[] kindsByType() {
        EventType[] types = EventType.values();
        EventKind[] kinds = new EventKind[types.length];
        for (EventType type : types) {
            for (EventKind kind : EventKind.values()) {
                if (kind.name().equals(type.name())) {
                    kinds[type.ordinal()] = kind;
                }
            }
        }
        return kinds;
    }

    /**
     * @param records wire records of one run, in seq order
     * @return their typed events, those of unknown kinds left out
     */
    public static List<RunEvent> fromAvro(List<TrainerEvent> records) {
        return records.stream().map(AvroEvents::fromAvro).flatMap(Optional::stream).toList();
    }

    private static EventBody body(EventKind kind, Object payload) {
        return switch (kind) {
            case INIT_END -> new EventBody.InitEnd();
            case TRAINING_RUN_START -> new EventBody.TrainingRunStart();
            case TRAIN_EPOCH_START -> new EventBody.TrainEpochStart();
            case TRAIN_STEP_START -> new EventBody.TrainStepStart();
            case TRAIN_STEP_END -> new EventBody.TrainStepEnd(stepValues(payload(kind, payload, StepEnd.class)));
            case TRAIN_EPOCH_END -> new EventBody.TrainEpochEnd();
            case EVAL_EPOCH_START -> new EventBody.EvalEpochStart(
                    payload(kind, payload, EvalEpochBoundary.class).getIsIntermediate());
            case EVAL_STEP_START -> new EventBody.EvalStepStart();
            case EVAL_STEP_END -> new EventBody.EvalStepEnd(stepValues(payload(kind, payload, StepEnd.class)));
            case EVAL_EPOCH_END -> new EventBody.EvalEpochEnd(
                    payload(kind, payload, EvalEpochBoundary.class).getIsIntermediate());
            case TRAINING_RUN_EPOCH_END -> new EventBody.TrainingRunEpochEnd();
            case TRAINING_RUN_END -> new EventBody.TrainingRunEnd();
            case EVALUATION_RUN_START -> new EventBody.EvaluationRunStart();
            case EVALUATION_RUN_END -> new EventBody.EvaluationRunEnd();
            case STOP_TRAINING_ERROR -> new EventBody.StopTrainingError(
                    payload(kind, payload, StopTraining.class).getReason());
            case METRIC_UPDATE -> {
                MetricUpdate update = payload(kind, payload, MetricUpdate.class);
                yield new EventBody.MetricUpdate(update.getName(), update.getValue());
            }
            case METRIC_DELETED -> new EventBody.MetricDeleted(payload(kind, payload, MetricDeleted.class).getName());
            case METRIC_PREFIX_CHANGED -> new EventBody.MetricPrefixChanged(
                    payload(kind, payload, MetricPrefixChanged.class).getPrefix());
            case HISTORY_RESET -> new EventBody.HistoryReset(payload(kind, payload, HistoryReset.class).getReason());
            case EPOCH_CHANGE -> {
                EpochChange change = payload(kind, payload, EpochChange.class);
                yield new EventBody.EpochChange(change.getEpoch(), change.getCause());
            }
            case RUN_START -> runStart(payload(kind, payload, io.trainstream.schemas.avro.RunStart.class));
            case RUN_END -> {
                RunEnd end = payload(kind, payload, RunEnd.class);
                yield new EventBody.RunEnd(end.getStatus(), end.getReason(), end.getEpochsCompleted(),
                        end.getGlobalStep());
            }
            case CUSTOM -> {
                CustomEvent custom = payload(kind, payload, CustomEvent.class);
                yield new EventBody.Custom(custom.getName(), customFields(custom.getFields()));
            }
        };
    }

    private static StepValues stepValues(StepEnd step) {
        return new StepValues(step.getLoss(), step.getCallbackLoss(), step.getBatchSize(), step.getPredictions(),
                step.getTargets(), step.getSampleIds());
    }

    private static RunStart runStart(io.trainstream.schemas.avro.RunStart s) {
        return new RunStart(s.getRunConfig(), s.getKind(), s.getRunName(), strings(s.getHyperparameters()),
                s.getSeed(), s.getModelSummary(), strings(s.getLibraryVersions()), s.getGitSha(), s.getWatchMetric(),
                s.getGreaterIsBetter());
    }

    private static Map<String, String> strings(Map<String, String> wire) {
        Map<String, String> out = new LinkedHashMap<>();
        // Avro may hand map keys and values as Utf8 whatever the declared Java type
        wire.forEach((k, v) -> out.put(String.valueOf((Object) k), String.valueOf((Object) v)));
        return out;
    }

    private static Map<String, Object> customFields(Map<String, Object> wire) {
        Map<String, Object> out = new LinkedHashMap<>();
        wire.forEach((k, v) -> out.put(String.valueOf((Object) k), v instanceof CharSequence text ? text.toString() : v));
        return out;
    }

    private static <T> T payload(EventKind kind, Object payload, Class<T> expected) {
        if (!expected.isInstance(payload)) {
            throw new IllegalArgumentException("a " + EventNames.nameOf(EventType.valueOf(kind.name()))
                    + " event carries a " + expected.getSimpleName() + " payload, not "
                    + (payload == null ? "none" : payload.getClass().getSimpleName()));
        }
        return expected.cast(payload);
    }
}
