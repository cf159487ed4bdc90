package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.schemas.avro.RunEndStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final DashboardState state = new DashboardState();
    private DashboardServer testSubject;

    @BeforeEach
    void startServer() {
        testSubject = DashboardServer.builder(state).optPort(0).build().start();
    }

    @AfterEach
    void stopServer() {
        testSubject.close();
    }

    @Test
    void bindsTheLoopbackInterfaceOnAFreePortByDefault() {
        assertThat(testSubject.port()).isPositive();
        assertThat(testSubject.url()).isEqualTo("http://127.0.0.1:" + testSubject.port() + "/");
    }

    @Test
    void runsApiListsEachRunWithItsStatus() throws Exception {
        TestEvents a = new TestEvents("run-a");
        state.accept(TestEvents.typed(a.runStart("alpha")));
        state.accept(TestEvents.typed(a.runEnd(RunEndStatus.COMPLETED, null)));
        state.accept(TestEvents.typed(new TestEvents("run-b").runStart("beta")));

        JsonNode runs = json("/api/runs");

        assertThat(runs).hasSize(2);
        Map<String, String> statusById = Map.of(runs.get(0).get("id").asText(), runs.get(0).get("status").asText(),
                runs.get(1).get("id").asText(), runs.get(1).get("status").asText());
        assertThat(statusById).containsEntry("run-a", "COMPLETED").containsEntry("run-b", "RUNNING");
    }

    @Test
    void runApiGivesTheConfigAndUnknownRunsAre404() throws Exception {
        state.accept(TestEvents.typed(new TestEvents("run-a").runStart("alpha")));

        JsonNode run = json("/api/runs/run-a");
        HttpResponse<String> unknown = get("/api/runs/nope");

        assertThat(run.get("run").get("name").asText()).isEqualTo("alpha");
        assertThat(run.get("config").get("train_per_device_batch_size").asText()).isEqualTo("8");
        assertThat(run.get("hyperparameters").get("lr").asText()).isEqualTo("0.01");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown run");
    }

    @Test
    void metricsApiGivesStepLossAndEpochMetricsWithNanAsAString() throws Exception {
        TestEvents run = new TestEvents("run-a");
        state.accept(TestEvents.typed(run.trainStep(0.75)));
        state.accept(TestEvents.typed(run.trainStep(0.5)));
        state.accept(TestEvents.typed(run.metric("eval_loss_epoch", Double.NaN)));
        state.accept(TestEvents.typed(run.epochEnd()));
        state.accept(TestEvents.typed(run.metric("eval_loss_epoch", 0.25)));

        JsonNode metrics = json("/api/runs/run-a/metrics");

        assertThat(metrics.get("trainLoss").get("steps").toString()).isEqualTo("[1,2]");
        assertThat(metrics.get("trainLoss").get("loss").toString()).isEqualTo("[0.75,0.5]");
        assertThat(metrics.get("metrics").get("eval_loss_epoch").get("epochs").toString()).isEqualTo("[1,2]");
        assertThat(metrics.get("metrics").get("eval_loss_epoch").get("values").toString()).isEqualTo("[\"NaN\",0.25]");
        assertThat(metrics.get("lastSeq").asLong()).isEqualTo(4);
    }

    @Test
    void eventsApiHonoursTheLimitAndRejectsABadOne() throws Exception {
        TestEvents run = new TestEvents("run-a");
        for (int i = 0; i < 10; i++) {
            state.accept(TestEvents.typed(run.trainStep(i)));
        }
        state.accept(TestEvents.typed(run.custom("verify_train_batch", Map.of("shape", "<b>4x3</b>"))));

        JsonNode events = json("/api/runs/run-a/events?limit=3");

        assertThat(events).hasSize(3);
        assertThat(events.get(2).get("event").asText()).isEqualTo("verify_train_batch");
        assertThat(events.get(2).get("payload").get("shape").asText()).isEqualTo("<b>4x3</b>");
        assertThat(get("/api/runs/run-a/events?limit=x").statusCode()).isEqualTo(400);
        assertThat(json("/api/runs/run-a/events")).hasSize(11);
    }

    @Test
    void pagesEscapeHostileRunNamesAndIdsAndCarryASameOriginPolicy() throws Exception {
        String hostileId = "run\"><script>alert(5)</script>";
        state.accept(TestEvents.typed(new TestEvents(hostileId).runStart(TestEvents.HOSTILE_NAME)));

        HttpResponse<String> page = get("/runs/" + URLEncoder.encode(hostileId, StandardCharsets.UTF_8));
        HttpResponse<String> compare = get("/compare?runs=" + URLEncoder.encode(hostileId + ",b", StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert", "<img src=x", "\"><script>")
                .contains("&lt;script&gt;alert(1);window.pwned=1&lt;/script&gt;&quot;quoted&quot; &#39;single&#39; &lt;img src=x")
                .contains("data-run-id=\"run&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;\"");
        assertThat(compare.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(5)");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("script-src 'self'"));
    }

    @Test
    void servesTheScriptAndUplotFromTheWebJarWithTheSamePolicy() throws Exception {
        HttpResponse<String> script = get("/static/dashboard.js");
        HttpResponse<String> uplot = get(Pages.UPLOT + "uPlot.iife.min.js");
        HttpResponse<String> css = get(Pages.UPLOT + "uPlot.min.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).doesNotContain("innerHTML");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void runStreamSendsASnapshotThenEachNewPointOnce() throws Exception {
        TestEvents run = new TestEvents("run-a");
        state.accept(TestEvents.typed(run.runStart("alpha")));
        state.accept(TestEvents.typed(run.trainStep(0.9)));

        try (DashboardStreamClient stream = DashboardStreamClient.open(uri("/api/runs/run-a/stream"), WAIT)) {
            DashboardStreamClient.Message snapshot = stream.next(WAIT).orElseThrow();
            assertThat(snapshot.event()).isEqualTo("snapshot");
            JsonNode snap = JSON.readTree(snapshot.data());
            assertThat(snap.get("metrics").get("trainLoss").get("loss").toString()).isEqualTo("[0.9]");
            assertThat(snap.get("run").get("run").get("name").asText()).isEqualTo("alpha");

            long before = System.currentTimeMillis();
            state.accept(TestEvents.typed(run.trainStep(0.8)));
            DashboardStreamClient.Message update = stream.next(WAIT).orElseThrow();

            assertThat(update.event()).isEqualTo("update");
            JsonNode batch = JSON.readTree(update.data());
            JsonNode item = batch.get("items").get(0);
            assertThat(batch.get("items")).hasSize(1);
            assertThat(item.get("seq").asLong()).isEqualTo(2);
            assertThat(item.get("step").get("step").asLong()).isEqualTo(2);
            assertThat(item.get("step").get("loss").asDouble()).isEqualTo(0.8);
            assertThat(item.get("appliedAtMs").asLong()).isGreaterThanOrEqualTo(before);
            assertThat(batch.get("sentAtMs").asLong()).isGreaterThanOrEqualTo(item.get("appliedAtMs").asLong());
            assertThat(batch.get("run").get("trainSteps").asLong()).isEqualTo(2);
        }
    }

    @Test
    void allRunsStreamPushesRunSummaries() throws Exception {
        try (DashboardStreamClient stream = DashboardStreamClient.open(uri("/api/stream"), WAIT)) {
            assertThat(JSON.readTree(stream.next(WAIT).orElseThrow().data()).get("runs")).isEmpty();

            state.accept(TestEvents.typed(new TestEvents("run-z").runStart("zeta")));
            JsonNode runs = JSON.readTree(stream.next(WAIT).orElseThrow().data()).get("runs");

            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("name").asText()).isEqualTo("zeta");
        }
    }

    @Test
    void aStreamIsOnlyServedToEventStreamRequests() throws Exception {
        HttpResponse<String> plain = get("/api/stream?probe");
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).doesNotContain("text/event-stream");
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + testSubject.port() + path);
    }
}
