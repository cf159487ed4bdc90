package io.trainstream.trainer.kafka;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event path's compiler directive, checked on the running JVM through HotSpot's own diagnostic
 * commands: it is listed once however often it is installed, and a hot method of an excluded package
 * ends up compiled by C1 (level 1), never by C2 (level 4).
 */
class EventPathCompilationTest {

    @Test
    void installsOnceAndKeepsHotEventPathMethodsAtC1() throws Exception {
        assertThat(EventPathCompilation.install()).isTrue();
        assertThat(EventPathCompilation.install()).isTrue();

        String directives = EventPathCompilation.diagnosticCommand("compilerDirectivesPrint");
        assertThat(countOf(directives, "org/apache/kafka/*.*")).isEqualTo(1);
        assertThat(countOf(directives, "io/trainstream/trainer/kafka/*.*")).isEqualTo(1);

        // hot enough for C2 many times over under tiered compilation (C2's thresholds are ~15k calls)
        long sum = 0;
        List<Integer> levels = List.of();
        for (int round = 0; round < 100 && !levels.contains(1); round++) {
            for (int i = 0; i < 200_000; i++) {
                sum += Hot.mix(i);
            }
            Thread.sleep(50);
            levels = levelsOf("io.trainstream.trainer.kafka.EventPathCompilationTest$Hot.mix");
        }
        assertThat(sum).isNotZero();
        assertThat(levels).as("compiled levels of a hot method in an excluded package").contains(1).doesNotContain(4);
    }

    @Test
    void refusesAnUnknownModeNamingTheProperty() {
        String before = System.getProperty(EventPathCompilation.PROPERTY);
        System.setProperty(EventPathCompilation.PROPERTY, "c3");
        try {
            assertThatThrownBy(EventPathCompilation::install)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(EventPathCompilation.PROPERTY).hasMessageContaining("c3");
            System.setProperty(EventPathCompilation.PROPERTY, "tiered");
            assertThat(EventPathCompilation.install()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(EventPathCompilation.PROPERTY);
            } else {
                System.setProperty(EventPathCompilation.PROPERTY, before);
            }
        }
    }

    private static List<Integer> levelsOf(String method) throws Exception {
        // compilerCodelist lines: "<id> <level> <state> <class>.<method>(<signature>) [addresses]"
        return Arrays.stream(EventPathCompilation.diagnosticCommand("compilerCodelist").split("\n"))
                .map(String::trim)
                .map(line -> line.split(" "))
                .filter(parts -> parts.length > 3 && parts[3].startsWith(method + "("))
                .map(parts -> Integer.parseInt(parts[1]))
                .collect(Collectors.toList());
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** A method worth compiling, in a package the directive covers. */
    static final class Hot {
        static int mix(int x) {
            int s = 0;
            for (int i = 0; i < 50; i++) {
                s += (x * i) ^ (s >>> 3);
            }
            return s;
        }
    }
}
