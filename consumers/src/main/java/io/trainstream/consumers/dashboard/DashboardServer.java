package io.trainstream.consumers.dashboard;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's web server (Javalin) over a {@link DashboardState}.
 *
 * <p>Pages: {@code /} (runs), {@code /runs/{id}} (one run, live), {@code /compare?runs=a,b} (curves
 * overlaid). JSON: {@code /api/runs}, {@code /api/runs/{id}}, {@code /api/runs/{id}/metrics},
 * {@code /api/runs/{id}/events?limit=n}, {@code /api/status}. Server-sent events (request them with
 * {@code Accept: text/event-stream}): {@code /api/runs/{id}/stream} (a {@code snapshot}, then
 * {@code update}s) and {@code /api/stream} ({@code runs}). Every response carries a same-origin-only
 * Content-Security-Policy.
 *
 * <pre>{@code
 * DashboardState state = new DashboardState();
 * try (DashboardFeed feed = new DashboardFeed(state, bootstrap, DashboardFeed.DEFAULT_TOPIC, Map.of()).start();
 *      DashboardServer server = DashboardServer.builder(state).optPort(7070).build().start()) {
 *     System.out.println("Dashboard: " + server.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} stops the server and its streams.
 */
public final class DashboardServer implements AutoCloseable {

    /** Default host: the loopback interface only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 7070;

    private final DashboardState state;
    private final String host;
    private final int port;
    private SseHub hub;
    private Javalin app;

    private DashboardServer(Builder builder) {
        this.state = builder.state;
        this.host = builder.host;
        this.port = builder.port;
    }

    /**
     * @param state the model to serve
     * @return a builder with host {@value #DEFAULT_HOST} and port {@value #DEFAULT_PORT}
     */
    public static Builder builder(DashboardState state) {
        return new Builder(state);
    }

    /**
     * Starts serving.
     *
     * @return this
     * @throws IllegalStateException if already started
     */
    public synchronized DashboardServer start() {
        if (app != null) {
            throw new IllegalStateException("dashboard server already started");
        }
        hub = new SseHub(state, state.limits().recentEvents());
        app = Javalin.create(this::configure).start();
        return this;
    }

    private void configure(JavalinConfig config) {
        config.jetty.host = host;
        config.jetty.port = port;
        config.startup.showJavalinBanner = false;
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/io/trainstream/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = SecurityHeaders.ALL;
        });
        config.routes.before(SecurityHeaders::apply);
        config.routes.get("/", ctx -> ctx.html(Pages.runs()));
        config.routes.get("/runs/{id}", ctx -> {
            String id = ctx.pathParam("id");
            ctx.html(Pages.run(id, state.run(id).map(d -> d.run().name()).orElse(null)));
        });
        config.routes.get("/compare", ctx -> ctx.html(Pages.compare(runIds(ctx))));
        new ApiRoutes(state).register(config.routes);
        config.routes.sse("/api/runs/{id}/stream", client -> hub.openRun(client, client.ctx().pathParam("id")));
        config.routes.sse("/api/stream", client -> hub.openAll(client));
    }

    private static List<String> runIds(Context ctx) {
        String runs = ctx.queryParam("runs");
        if (runs == null) {
            return List.of();
        }
        return Arrays.stream(runs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /**
     * @return the port the server listens on (the real one when started on port 0)
     * @throws IllegalStateException if not started
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("dashboard server not started");
        }
        return app.port();
    }

    /**
     * @return the dashboard's address, e.g. {@code http://127.0.0.1:7070/}
     */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    /**
     * @return the number of open server-sent-event streams
     */
    public synchronized int openStreams() {
        return hub == null ? 0 : hub.openStreams();
    }

    /** Closes the streams and stops the server; idempotent. */
    @Override
    public synchronized void close() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    /**
     * Settings of a {@link DashboardServer}. Defaults: host {@value DashboardServer#DEFAULT_HOST},
     * port {@value DashboardServer#DEFAULT_PORT}.
     */
    public static final class Builder {
        private final DashboardState state;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;

        private Builder(DashboardState state) {
            this.state = Objects.requireNonNull(state, "state");
        }

        /**
         * @param newHost the interface to bind; {@code 0.0.0.0} exposes the dashboard to the network
         * @return this
         */
        public Builder optHost(String newHost) {
            this.host = Objects.requireNonNull(newHost, "host");
            return this;
        }

        /**
         * @param newPort the port, 0 for a free one (read it with {@link DashboardServer#port()})
         * @return this
         */
        public Builder optPort(int newPort) {
            if (newPort < 0 || newPort > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + newPort);
            }
            this.port = newPort;
            return this;
        }

        /**
         * @return a server, not started
         */
        public DashboardServer build() {
            return new DashboardServer(this);
        }
    }
}
