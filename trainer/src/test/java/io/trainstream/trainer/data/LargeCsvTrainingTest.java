package io.trainstream.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000 x 64 CSV (about 40 MB of text) is streamed, split and trained for an epoch in a child JVM
 * whose heap is capped at {@value #HEAP_MB} MB: holding the rows as text would need several times that.
 */
class LargeCsvTrainingTest {

    private static final int HEAP_MB = 112;
    private static final int ROWS = 100_000;
    private static final int FEATURES = 64;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aLargeFileTrainsUnderASmallHeap() throws Exception {
        Path file = write(dir.resolve("large.csv"));
        long bytes = Files.size(file);

        long began = System.nanoTime();
        Process child = start(file);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = child.waitFor();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);

        assertThat(code).as(output).isZero();
        Matcher result = Pattern.compile("rows=(\\d+) features=(\\d+) train=(\\d+) eval_loss=(\\S+) peak_heap_mb=(\\d+)")
                .matcher(output);
        assertThat(result.find()).as(output).isTrue();
        assertThat(Integer.parseInt(result.group(1))).isEqualTo(ROWS);
        assertThat(Integer.parseInt(result.group(2))).isEqualTo(FEATURES);
        assertThat(Integer.parseInt(result.group(3))).isEqualTo(ROWS - ROWS / 5);
        // the label is a function of the features: one epoch learns it well below chance level (ln 2 = 0.69)
        assertThat(Double.parseDouble(result.group(4))).isLessThan(0.5);
        System.out.printf("large CSV: %d MB of text, heap pools peak sum %s MB under -Xmx%dm, %d s in the child%n",
                bytes >> 20, result.group(5), HEAP_MB, seconds);
    }

    private static Path write(Path file) throws IOException {
        Random random = new Random(3);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < FEATURES; c++) {
                out.write("f" + c + ",");
            }
            out.write("label\n");
            StringBuilder row = new StringBuilder();
            for (int r = 0; r < ROWS; r++) {
                row.setLength(0);
                double sum = 0;
                for (int c = 0; c < FEATURES; c++) {
                    double value = Math.round(random.nextGaussian() * 1000) / 1000.0;
                    sum += c < 4 ? value : 0;
                    row.append(value).append(',');
                }
                out.append(row).append(sum > 0 ? "1" : "0").append('\n');
            }
        }
        return file;
    }

    private static Process start(Path file) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MB + "m");
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LargeCsvTrainingMain.class.getName());
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("DJL_OFFLINE", "true");
        builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
        return builder.start();
    }
}
