package io.trainstream.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet in README's "Using the trainer from Java" section is a region of an example
 * source ({@code // readme:start name} … {@code // readme:end}), character for character once the
 * common indentation is removed: the README shows code that compiles and that the tests run.
 */
class ReadmeSnippetsTest {

    private static final Pattern REGION = Pattern.compile("// readme:start ([\\w-]+)\\R(.*?)^\\s*// readme:end",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetOfTheLibrarySectionIsAnExampleRegion() throws IOException {
        Map<String, String> regions = regions();
        assertThat(regions).containsKeys("quick-start", "accuracy-callback", "custom-event", "custom-logger",
                "early-stopping", "move-to-device", "publishing", "consumer");
        List<String> snippets = snippets();
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(6);
        for (String snippet : snippets) {
            assertThat(regions.values()).as("README snippet is not an example region:%n%s", snippet).contains(snippet);
        }
    }

    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = REGION.matcher(Files.readString(file));
                while (m.find()) {
                    regions.put(m.group(1), dedent(m.group(2)));
                }
            }
        }
        return regions;
    }

    private static List<String> snippets() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Using the trainer from Java");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has the library section").isNotNegative();
        Matcher m = JAVA_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> snippets = new ArrayList<>();
        while (m.find()) {
            snippets.add(dedent(m.group(1)));
        }
        return snippets;
    }

    /** Removes the indentation common to all non-blank lines; trailing blank lines go too. */
    static String dedent(String text) {
        List<String> lines = List.of(text.stripTrailing().split("\\R", -1));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
