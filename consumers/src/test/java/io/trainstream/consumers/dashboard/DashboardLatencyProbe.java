package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures "event raised by the trainer -> received from the dashboard's stream" for one run: for
 * every item of every {@code update} message, {@code receivedAt - eventTime} (end to end, through
 * Kafka, the feed, the state and the stream) and {@code receivedAt - appliedAt} (the dashboard's own
 * share). Millisecond resolution; the trainer, the dashboard and the probe must share a clock (one
 * machine). For benchmarks: open it before the run starts, then {@link #awaitItems} and
 * {@link #summary()}.
 */
public final class DashboardLatencyProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardStreamClient stream;
    private final Thread reader;
    private final List<long[]> samples = new ArrayList<>();

    private DashboardLatencyProbe(DashboardStreamClient stream) {
        this.stream = stream;
        this.reader = new Thread(this::read, "trainstream-dashboard-latency-probe");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * @param dashboardUrl the dashboard's address, e.g. {@code http://127.0.0.1:7070/}
     * @param runId the run to watch (it may not have started yet)
     * @return a probe reading the run's stream
     * @throws IOException if the stream cannot be opened
     * @throws InterruptedException if interrupted while connecting
     */
    public static DashboardLatencyProbe open(String dashboardUrl, String runId) throws IOException, InterruptedException {
        String base = dashboardUrl.endsWith("/") ? dashboardUrl : dashboardUrl + "/";
        URI uri = URI.create(base + "api/runs/" + Urls.encodeSegment(runId) + "/stream");
        return new DashboardLatencyProbe(DashboardStreamClient.open(uri, Duration.ofSeconds(10)));
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<DashboardStreamClient.Message> next = stream.next(Duration.ofSeconds(1));
                if (next.isPresent() && next.get().event().equals("update")) {
                    record(next.get());
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void record(DashboardStreamClient.Message message) {
        try {
            JsonNode items = JSON.readTree(message.data()).get("items");
            synchronized (samples) {
                for (JsonNode item : items) {
                    samples.add(new long[] {message.receivedAtMs() - item.get("eventTimeMs").asLong(),
                        message.receivedAtMs() - item.get("appliedAtMs").asLong()});
                }
                samples.notifyAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until at least {@code count} items were received.
     *
     * @param count items to wait for
     * @param timeout the longest wait
     * @return whether they arrived in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitItems(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (samples) {
            while (samples.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                samples.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Forgets the items received so far, e.g. after a warm-up. */
    public void reset() {
        synchronized (samples) {
            samples.clear();
        }
    }

    /**
     * @return the latencies measured since the start or the last {@link #reset()}
     */
    public Summary summary() {
        long[] endToEnd;
        long[] inDashboard;
        synchronized (samples) {
            endToEnd = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
            inDashboard = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
        }
        return new Summary(endToEnd.length, percentile(endToEnd, 50), percentile(endToEnd, 99),
                endToEnd.length == 0 ? 0 : endToEnd[endToEnd.length - 1], percentile(inDashboard, 50),
                percentile(inDashboard, 99));
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Disconnects. */
    @Override
    public void close() {
        reader.interrupt();
        stream.close();
    }

    /**
     * Latencies in milliseconds (nearest-rank percentiles).
     *
     * @param items items measured
     * @param p50Ms median of event raised -> received
     * @param p99Ms 99th percentile of event raised -> received
     * @param maxMs largest event raised -> received
     * @param dashboardP50Ms median of applied by the dashboard -> received
     * @param dashboardP99Ms 99th percentile of applied by the dashboard -> received
     */
    public record Summary(int items, long p50Ms, long p99Ms, long maxMs, long dashboardP50Ms, long dashboardP99Ms) {

        /** {@inheritDoc} */
        @Override
        public String toString() {
            return "items=" + items + " p50=" + p50Ms + "ms p99=" + p99Ms + "ms max=" + maxMs + "ms (dashboard share p50="
                    + dashboardP50Ms + "ms p99=" + dashboardP99Ms + "ms)";
        }
    }
}
