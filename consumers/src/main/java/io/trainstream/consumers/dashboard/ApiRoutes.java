package io.trainstream.consumers.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;
import java.util.Optional;

/** The JSON API over a {@link DashboardState}: read-only, one handler per resource. */
final class ApiRoutes {

    private static final int DEFAULT_EVENTS = 50;

    private final DashboardState state;

    ApiRoutes(DashboardState state) {
        this.state = state;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/runs", ctx -> json(ctx, state.runs()));
        routes.get("/api/runs/{id}", ctx -> found(ctx, state.run(ctx.pathParam("id"))));
        routes.get("/api/runs/{id}/metrics", ctx -> found(ctx, state.metrics(ctx.pathParam("id"))));
        routes.get("/api/runs/{id}/events", this::events);
        routes.get("/api/status", ctx -> json(ctx, Map.of(
                "appliedEvents", state.appliedEvents(),
                "duplicateEvents", state.duplicateEvents(),
                "runs", state.runs().size())));
    }

    private void events(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit = DEFAULT_EVENTS;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                error(ctx, HttpStatus.BAD_REQUEST, "limit must be a non-negative integer");
                return;
            }
        }
        found(ctx, state.recentEvents(ctx.pathParam("id"), limit));
    }

    private static void found(Context ctx, Optional<?> value) {
        if (value.isPresent()) {
            json(ctx, value.get());
        } else {
            error(ctx, HttpStatus.NOT_FOUND, "unknown run");
        }
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        json(ctx, Map.of("error", message));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(DashboardJson.write(value));
    }
}
