package io.trainstream.consumers.dashboard;

import io.javalin.http.Context;

import java.util.Map;

/** The headers every dashboard response carries: same-origin content only, no sniffing, no framing. */
final class SecurityHeaders {

    /** Scripts, styles, images and connections from the dashboard itself only; no inline script. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        ALL.forEach(ctx::header);
    }
}
