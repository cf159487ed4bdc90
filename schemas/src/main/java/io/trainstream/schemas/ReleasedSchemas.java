package io.trainstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Loads the released versions of a record's schema, kept as resources named
 * {@code io/trainstream/schemas/released/<Record>-v<N>.avsc} with N counting up from 1.
 */
final class ReleasedSchemas {

    private static final String FOLDER = "/io/trainstream/schemas/released/";

    private ReleasedSchemas() {
    }

    /**
     * Returns the resource path of one released version.
     *
     * @param recordName the record's simple name, e.g. {@code TrainerEvent}
     * @param version the 1-based version
     * @return the class-path resource path, with a leading slash
     */
    static String resourcePath(String recordName, int version) {
        return FOLDER + recordName + "-v" + version + ".avsc";
    }

    /**
     * Parses every released version of a record's schema, oldest first.
     *
     * @param recordName the record's simple name, e.g. {@code TrainerEvent}
     * @return version 1, 2, ... up to the first missing one; empty if none is released
     */
    static List<Schema> load(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = resourcePath(recordName, version);
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
    }
}
