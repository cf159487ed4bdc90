package io.trainstream.consumers.dashboard;

import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pushes state updates to the open server-sent-event streams.
 *
 * <p>The state's listener only enqueues (bounded, never blocks the feed). One daemon thread drains
 * the queue in batches, so a burst of events becomes one message per stream, and writes each
 * stream's share. A stream first gets a snapshot and then only updates with a greater seq, so no
 * point is lost or shown twice. If the queue overflows (clients far slower than the feed), every
 * stream is sent {@code resync} and closed: the page reconnects and starts from a fresh snapshot.
 * Idle streams get a comment every 15 s.
 */
final class SseHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 5_000;
    private static final long KEEPALIVE_SECONDS = 15;

    private final DashboardState state;
    private final int snapshotEvents;
    private final BlockingQueue<DashboardUpdate> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final DashboardState.Subscription subscription;
    private final Thread thread;
    private volatile boolean overflowed;
    private volatile boolean running = true;

    SseHub(DashboardState state, int snapshotEvents) {
        this.state = state;
        this.snapshotEvents = snapshotEvents;
        this.subscription = state.subscribe(this::enqueue);
        this.thread = new Thread(this::loop, "trainstream-dashboard-sse");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void enqueue(DashboardUpdate update) {
        if (!queue.offer(update)) {
            overflowed = true;
        }
    }

    /** Opens a stream of one run's updates (called on the request's thread). */
    void openRun(SseClient client, String runId) {
        Stream stream = new Stream(client, runId);
        client.keepAlive();
        client.onClose(() -> streams.remove(stream));
        synchronized (stream) {
            streams.add(stream);
            RunSnapshot snap = state.snapshot(runId, snapshotEvents).orElse(null);
            if (snap != null) {
                stream.seen.put(runId, snap.metrics().lastSeq());
            }
            StreamMessages.Snapshot message = snap == null
                    ? new StreamMessages.Snapshot(now(), null, null, List.of())
                    : new StreamMessages.Snapshot(now(), snap.detail(), snap.metrics(), snap.events());
            client.sendEvent("snapshot", DashboardJson.write(message));
        }
    }

    /** Opens a stream of every run's overview changes (called on the request's thread). */
    void openAll(SseClient client) {
        Stream stream = new Stream(client, null);
        client.keepAlive();
        client.onClose(() -> streams.remove(stream));
        synchronized (stream) {
            streams.add(stream);
            List<RunOverview> runs = state.runs();
            runs.forEach(r -> stream.seen.put(r.id(), r.lastSeq()));
            client.sendEvent("runs", DashboardJson.write(new StreamMessages.Runs(now(), runs)));
        }
    }

    /** Open streams (for tests and counters). */
    int openStreams() {
        return streams.size();
    }

    private void loop() {
        List<DashboardUpdate> batch = new ArrayList<>();
        while (running) {
            try {
                DashboardUpdate first = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (overflowed) {
                    resyncAll();
                    continue;
                }
                if (first == null) {
                    streams.forEach(s -> s.send(() -> s.client.sendComment("keep-alive")));
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (Stream stream : streams) {
                    stream.send(() -> deliver(stream, batch));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Dashboard stream delivery failed: {}", e.toString());
            }
        }
    }

    private void resyncAll() {
        overflowed = false;
        queue.clear();
        LOG.warn("Dashboard update queue overflowed ({} updates): streams resynchronise", QUEUE_CAPACITY);
        for (Stream stream : streams) {
            stream.send(() -> stream.client.sendEvent("resync", "{}"));
            stream.client.close();
        }
    }

    /** Writes a stream's share of a batch; runs under the stream's lock. */
    private static void deliver(Stream stream, List<DashboardUpdate> batch) {
        if (stream.runId != null) {
            List<StreamMessages.Item> items = new ArrayList<>();
            RunOverview latest = null;
            for (DashboardUpdate u : batch) {
                if (u.runId().equals(stream.runId) && stream.isNew(u)) {
                    items.add(StreamMessages.Item.of(u));
                    latest = u.run();
                }
            }
            if (!items.isEmpty()) {
                stream.client.sendEvent("update", DashboardJson.write(new StreamMessages.RunBatch(now(), latest, items)));
            }
            return;
        }
        Map<String, RunOverview> changed = new LinkedHashMap<>();
        for (DashboardUpdate u : batch) {
            if (stream.isNew(u)) {
                changed.put(u.runId(), u.run());
            }
        }
        if (!changed.isEmpty()) {
            stream.client.sendEvent("runs", DashboardJson.write(new StreamMessages.Runs(now(), List.copyOf(changed.values()))));
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** Closes every stream and stops the delivery thread. */
    @Override
    public void close() {
        running = false;
        subscription.close();
        thread.interrupt();
        streams.forEach(s -> s.client.close());
        streams.clear();
    }

    /** One open stream: its client, its run (null = all runs) and the last seq it has per run. */
    private static final class Stream {
        final SseClient client;
        final String runId;
        final Map<String, Long> seen = new HashMap<>();

        Stream(SseClient client, String runId) {
            this.client = client;
            this.runId = runId;
        }

        boolean isNew(DashboardUpdate update) {
            Long last = seen.get(update.runId());
            if (last != null && update.seq() <= last) {
                return false;
            }
            seen.put(update.runId(), update.seq());
            return true;
        }

        synchronized void send(Runnable write) {
            if (!client.terminated()) {
                write.run();
            }
        }
    }
}
