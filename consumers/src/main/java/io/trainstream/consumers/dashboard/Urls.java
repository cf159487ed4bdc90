package io.trainstream.consumers.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL helpers. */
final class Urls {

    private Urls() {
    }

    /** Percent-encodes one path segment (spaces as {@code %20}, not {@code +}). */
    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
