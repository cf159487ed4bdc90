package io.trainstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event fixture schemas keeps for a released version (records written by that version's
 * writer) still reads as a typed event, and back to the same wire values.
 */
class ReleasedFixturesTest {

    private static final Path FIXTURES = Path.of(System.getProperty("trainstream.schemas.fixtures",
            "../schemas/src/test/resources/fixtures"));

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void everyReleasedEventFixtureDecodesToATypedEvent(int version) throws IOException {
        List<Path> files = eventFixtures(version);
        assertThat(files).as("event fixtures of v" + version).hasSizeGreaterThanOrEqualTo(14);
        for (Path file : files) {
            TrainerEvent wire = EventCodec.decode(Files.readAllBytes(file));
            RunEvent typed = AvroEvents.fromAvro(wire).orElseThrow();
            assertThat(typed.kind().name()).as(file.toString()).isEqualTo(wire.getType().name());
            assertThat(typed.seq()).isEqualTo(wire.getSeq());
            // field by field: Avro's equals() treats NaN as unequal to itself, the bytes do not
            assertThat(EventCodec.encode(AvroEvents.toAvro(typed))).as(file.toString())
                    .isEqualTo(EventCodec.encode(wire));
        }
    }

    private static List<Path> eventFixtures(int version) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("v" + version))) {
            return files.filter(f -> f.getFileName().toString().startsWith("event-")).sorted().toList();
        }
    }
}
