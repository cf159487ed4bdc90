package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class ReleasedSchemasTest {

    private static final String HOW_TO_RELEASE = "src/main/avro changed since the last release: run "
            + "mvn -pl schemas test -Dtest=FixtureWriterTest -Dtrainstream.fixtures.write=true";

    @Test
    void theCurrentEventSchemaIsTheLatestReleasedVersion() {
        assertThat(fingerprint(last(ReleasedSchemas.load("TrainerEvent")))).as(HOW_TO_RELEASE)
                .isEqualTo(fingerprint(TrainerEvent.getClassSchema()));
    }

    @Test
    void theCurrentRunSummarySchemaIsTheLatestReleasedVersion() {
        assertThat(fingerprint(last(ReleasedSchemas.load("RunSummary")))).as(HOW_TO_RELEASE)
                .isEqualTo(fingerprint(RunSummary.getClassSchema()));
    }

    @Test
    void releasedVersionsAreNumberedFromOneWithoutGaps() {
        assertThat(ReleasedSchemas.resourcePath("TrainerEvent", 1))
                .isEqualTo("/io/trainstream/schemas/released/TrainerEvent-v1.avsc");
        assertThat(ReleasedSchemas.load("NoSuchRecord")).isEmpty();
    }

    @Test
    void theCodecsKnowEveryReleasedVersion() {
        assertThat(EventCodec.codec().writerSchemas()).hasSameSizeAs(ReleasedSchemas.load("TrainerEvent"));
        assertThat(RunSummaryCodec.codec().writerSchemas()).hasSameSizeAs(ReleasedSchemas.load("RunSummary"));
    }

    private static Schema last(List<Schema> schemas) {
        assertThat(schemas).isNotEmpty();
        return schemas.get(schemas.size() - 1);
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
