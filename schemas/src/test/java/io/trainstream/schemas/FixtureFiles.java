package io.trainstream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The committed fixtures: {@code fixtures/v<N>/<prefix><name>.bin}, records written by released
 * schema version N of their record type ({@code event-} for TrainerEvent, {@code run-summary-} for
 * RunSummary).
 */
final class FixtureFiles {

    static final String EVENT = "event-";
    static final String RUN_SUMMARY = "run-summary-";
    static final Path SOURCE_DIR = Path.of("src/test/resources/fixtures");

    private FixtureFiles() {
    }

    /** Reads the fixtures of one record type and version from the test class path, by name. */
    static Map<String, byte[]> read(int version, String prefix) {
        Map<String, byte[]> fixtures = new TreeMap<>();
        Path dir = classPathDir().resolve("v" + version);
        if (!Files.isDirectory(dir)) {
            return fixtures;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(prefix) && fileName.endsWith(".bin")) {
                    String name = fileName.substring(prefix.length(), fileName.length() - ".bin".length());
                    fixtures.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }

    private static Path classPathDir() {
        URL url = FixtureFiles.class.getResource("/fixtures");
        if (url == null) {
            throw new IllegalStateException("no fixtures on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
