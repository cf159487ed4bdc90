package io.trainstream.consumers.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one of the dashboard's server-sent-event streams with Java's {@link HttpClient}: for tests,
 * benchmarks and scripts. Messages are parsed on a daemon thread and queued unbounded; read them with
 * {@link #next(Duration)}. Thread-safe.
 */
public final class DashboardStreamClient implements AutoCloseable {

    private final InputStream body;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    private DashboardStreamClient(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "trainstream-dashboard-stream-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Connects to a stream, e.g. {@code http://127.0.0.1:7070/api/runs/run-1/stream}.
     *
     * @param uri the stream's address
     * @param connectTimeout how long connecting may take
     * @return a connected client
     * @throws IOException if the server cannot be reached or does not answer 200
     * @throws InterruptedException if interrupted while connecting
     */
    public static DashboardStreamClient open(URI uri, Duration connectTimeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("stream " + uri + " answered HTTP " + response.statusCode());
        }
        return new DashboardStreamClient(response.body());
    }

    /**
     * @param timeout how long to wait
     * @return the next message, or empty if none came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<Message> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        messages.add(new Message(event, data.toString(), System.currentTimeMillis()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = field(line, 6);
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(field(line, 5));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static String field(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** Disconnects. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }

    /**
     * One server-sent event.
     *
     * @param event its name ({@code snapshot}, {@code update}, {@code runs}, {@code resync})
     * @param data its data, JSON
     * @param receivedAtMs when this client parsed it, epoch millis
     */
    public record Message(String event, String data, long receivedAtMs) {
    }
}
