/**
 * The live dashboard: a web app that shows runs, their loss and metric curves, their config and
 * their recent events, updated by server-sent events as the events arrive from the log.
 *
 * <p>Three parts, each usable on its own:
 * <ul>
 *   <li>{@link io.trainstream.consumers.dashboard.DashboardState}: a thread-safe, memory-bounded
 *       model fed one typed {@code RunEvent} at a time (plug it into any consumer loop);</li>
 *   <li>{@link io.trainstream.consumers.dashboard.DashboardFeed}: reads the events topic from the
 *       beginning into a state, as a {@link io.trainstream.consumers.dashboard.DashboardSink} run by
 *       the shared consumer runtime in a consumer group of its own;</li>
 *   <li>{@link io.trainstream.consumers.dashboard.DashboardServer}: the Javalin server (HTML pages,
 *       JSON API, server-sent events) over a state.</li>
 * </ul>
 * The Java clients of the streams that tests and the bench use
 * ({@code DashboardStreamClient}, {@code DashboardLatencyProbe}) are test code: they ship in this
 * module's test-jar, not in its main jar.
 *
 * <p>All text that comes from a run (run names, metric names, config values, custom event fields)
 * is treated as hostile: server-side pages escape it, the browser code only ever writes it with
 * {@code textContent}, and every response carries a same-origin-only Content-Security-Policy.
 */
package io.trainstream.consumers.dashboard;
