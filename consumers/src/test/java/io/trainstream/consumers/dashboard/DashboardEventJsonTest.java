package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.json.EventJson;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard keeps typed events and renders each one when it sends it: for every event kind, what
 * it sends (REST events, the stream's snapshot and its update items) is the JSON-lines object of the
 * {@code events} command, written by the schemas' {@link EventJson} from the wire record, compared as trees.
 */
class DashboardEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "run-every-kind";

    private final DashboardState state = new DashboardState();
    private final List<RunEvent> events = EveryKindEvents.of(RUN);

    @Test
    void theSamplesCoverEveryKindAndTheReferenceNamesEach() throws Exception {
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (RunEvent event : events) {
            kinds.add(event.kind());
            JsonNode expected = reference(event);
            assertThat(expected.get("event").asText()).isEqualTo(event.name());
            assertThat(expected.get("seq").asLong()).isEqualTo(event.seq());
        }
        assertThat(kinds).isEqualTo(EnumSet.allOf(EventKind.class));
    }

    @Test
    void recentEventsAreEachKindsJsonLinesObject() throws Exception {
        events.forEach(state::accept);

        JsonNode sent = JSON.readTree(DashboardJson.write(state.recentEvents(RUN, 1000).orElseThrow()));

        assertSameAsReference(sent);
    }

    @Test
    void aStreamSnapshotCarriesEachKindsJsonLinesObject() throws Exception {
        events.forEach(state::accept);
        RunSnapshot snap = state.snapshot(RUN, 1000).orElseThrow();

        JsonNode sent = JSON.readTree(DashboardJson.write(
                new StreamMessages.Snapshot(1L, snap.detail(), snap.metrics(), snap.events())));

        assertSameAsReference(sent.get("events"));
    }

    @Test
    void streamUpdatesCarryEachKindsJsonLinesObject() throws Exception {
        List<DashboardUpdate> updates = new ArrayList<>();
        try (DashboardState.Subscription ignored = state.subscribe(updates::add)) {
            events.forEach(state::accept);
        }
        List<StreamMessages.Item> items = updates.stream().map(StreamMessages.Item::of).toList();

        JsonNode sent = JSON.readTree(DashboardJson.write(new StreamMessages.RunBatch(1L, updates.get(0).run(), items)));

        List<JsonNode> sentEvents = new ArrayList<>();
        sent.get("items").forEach(item -> sentEvents.add(item.get("event")));
        assertSameAsReference(JSON.valueToTree(sentEvents));
    }

    @Test
    void theRestApiServesEachKindsJsonLinesObject() throws Exception {
        events.forEach(state::accept);
        try (DashboardServer server = DashboardServer.builder(state).optPort(0).build().start()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "api/runs/" + RUN + "/events?limit=1000"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertSameAsReference(JSON.readTree(response.body()));
        }
    }

    /** The events command's line for the event: the Avro-based writer, independent of the dashboard's path. */
    private static JsonNode reference(RunEvent event) throws Exception {
        return JSON.readTree(EventJson.toJson(AvroEvents.toAvro(event)));
    }

    private void assertSameAsReference(JsonNode sent) throws Exception {
        assertThat(sent.isArray()).as("a JSON array of events: %s", sent).isTrue();
        assertThat(sent.size()).isEqualTo(events.size());
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            assertThat(sent.get(i)).as("the dashboard's JSON of %s", event.kind()).isEqualTo(reference(event));
        }
    }
}
