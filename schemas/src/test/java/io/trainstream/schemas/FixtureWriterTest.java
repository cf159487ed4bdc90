package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Releases the current schemas and writes their fixtures; runs only with
 * {@code -Dtrainstream.fixtures.write=true}:
 * <pre>cd /work/main &amp;&amp; mvn -pl schemas test -Dtest=FixtureWriterTest -Dtrainstream.fixtures.write=true</pre>
 *
 * <p>When {@code src/main/avro} changed since the last release, the current schema is saved as the
 * next {@code released/<Record>-v<N>.avsc}. Fixtures of that version are then written where
 * missing; an existing fixture that would change fails the test, because released bytes are
 * history and never rewritten.
 */
@EnabledIfSystemProperty(named = "trainstream.fixtures.write", matches = "true")
class FixtureWriterTest {

    private static final Path RELEASED = Path.of("src/main/resources/io/trainstream/schemas/released");

    @Test
    void releasesTheCurrentSchemasAndWritesTheirFixtures() throws IOException {
        int eventVersion = release(TrainerEvent.getClassSchema());
        write(eventVersion, FixtureFiles.EVENT, SampleEvents.all(), EventCodec::encode);
        int summaryVersion = release(RunSummary.getClassSchema());
        write(summaryVersion, FixtureFiles.RUN_SUMMARY, SampleRunSummaries.all(), RunSummaryCodec::encode);
    }

    private static int release(Schema current) throws IOException {
        long fingerprint = SchemaNormalization.parsingFingerprint64(current);
        int version = 1;
        for (; Files.exists(released(current, version)); version++) {
            Schema old = new Schema.Parser().parse(released(current, version).toFile());
            if (SchemaNormalization.parsingFingerprint64(old) == fingerprint) {
                return version;
            }
        }
        Files.createDirectories(RELEASED);
        Files.writeString(released(current, version), SchemaFormatter.format("json/pretty", current) + "\n", StandardCharsets.UTF_8);
        return version;
    }

    private static Path released(Schema schema, int version) {
        return RELEASED.resolve(schema.getName() + "-v" + version + ".avsc");
    }

    private static <T> void write(int version, String prefix, Map<String, T> samples, Function<T, byte[]> encode)
            throws IOException {
        Path dir = FixtureFiles.SOURCE_DIR.resolve("v" + version);
        Files.createDirectories(dir);
        for (Map.Entry<String, T> sample : samples.entrySet()) {
            Path file = dir.resolve(prefix + sample.getKey() + ".bin");
            byte[] bytes = encode.apply(sample.getValue());
            if (Files.exists(file)) {
                assertThat(Arrays.equals(Files.readAllBytes(file), bytes))
                        .as("released fixture %s would change; add a new schema version instead", file)
                        .isTrue();
            } else {
                Files.write(file, bytes);
            }
        }
    }
}
