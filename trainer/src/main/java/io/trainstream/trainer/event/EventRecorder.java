package io.trainstream.trainer.event;

import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.kafka.LocalHost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Turns what happens in a trainer into numbered, typed {@link RunEvent}s and hands them to the attached
 * {@link EventPublisher}. Owned by one trainer and used from its training thread only.
 *
 * <p>Events raised while no run is open (the trainer's {@code init_end}) are held and appended, in
 * order, at the start of the next run, so the log of a run holds every event that led to it.
 */
public final class EventRecorder {

    private static final int MAX_PENDING = 1024;

    /** An event raised before its run was open: everything but the run id and seq. */
    private record Held(long timeMillis, int epoch, long globalStep, Integer step, EventBody body) {}

    private final IntSupplier epoch;
    private final LongSupplier globalStep;
    private final List<Held> pending = new ArrayList<>();
    private EventPublisher publisher = EventPublisher.NONE;
    private String host;
    private String runId;
    private long nextSeq;
    private boolean evalOutputs;

    /**
     * @param epoch reads the run history's current epoch
     * @param globalStep reads the optimizer updates completed in the current run
     */
    public EventRecorder(IntSupplier epoch, LongSupplier globalStep) {
        this.epoch = epoch;
        this.globalStep = globalStep;
    }

    /** @param publisher where events go from now on; {@link EventPublisher#NONE} to stop publishing */
    public void attach(EventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** @param publish whether eval step events carry predictions, targets and sample ids */
    public void publishEvalOutputs(boolean publish) {
        evalOutputs = publish;
    }

    /** @return true when eval step events carry predictions, targets and sample ids */
    public boolean publishesEvalOutputs() {
        return evalOutputs;
    }

    /** @return the attached publisher */
    public EventPublisher publisher() {
        return publisher;
    }

    /** @return true when events are published or held; callers skip building bodies otherwise */
    public boolean isActive() {
        // between runs events are held for the next run, which may be published
        return publisher != EventPublisher.NONE || runId == null;
    }

    /**
     * Opens a run: later events carry its id, numbered from {@code firstSeq}; held events go first.
     *
     * @param id the run id
     * @param firstSeq the first sequence number (0 for a new run; the next free one when resuming)
     */
    public void beginRun(String id, long firstSeq) {
        runId = Objects.requireNonNull(id, "run id");
        nextSeq = firstSeq;
        if (publisher == EventPublisher.NONE) {
            pending.clear();
        }
        for (Held held : pending) {
            emit(held.timeMillis(), held.epoch(), held.globalStep(), held.step(), held.body());
        }
        pending.clear();
    }

    /** Closes the current run; later events are held for the next one. */
    public void endRun() {
        runId = null;
    }

    /** @return the id of the open run, or null */
    public String runId() {
        return runId;
    }

    /** @return the sequence number the next event will get */
    public long nextSeq() {
        return nextSeq;
    }

    /**
     * Records one event.
     *
     * @param body the event's kind and fields
     * @param step batch index in the epoch, or null
     */
    public void record(EventBody body, Integer step) {
        long now = System.currentTimeMillis();
        if (runId == null) {
            if (pending.size() < MAX_PENDING) {
                pending.add(new Held(now, epoch.getAsInt(), globalStep.getAsLong(), step, body));
            }
            return;
        }
        if (publisher == EventPublisher.NONE) {
            return;
        }
        emit(now, epoch.getAsInt(), globalStep.getAsLong(), step, body);
    }

    private void emit(long timeMillis, int epochNow, long globalStepNow, Integer step, EventBody body) {
        if (host == null) {
            // resolved on the first published event, not at trainer construction: a trainer that
            // publishes nothing never asks the network for its name
            host = LocalHost.name();
        }
        EventHeader header = EventHeader.of(runId, nextSeq++, timeMillis, host, epochNow, globalStepNow, step);
        publisher.publish(new RunEvent(header, body));
    }
}
