package io.trainstream.cli.replay;

import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.schemas.text.TerminalText;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    @Test
    void runNamesConfigValuesAndMetricNamesFromTheLogReachTheTerminalEscaped() {
        String name = "digits\n\u001b[2J\u001b]0;owned\u0007";
        RunConfig config = new RunConfig(1, 4, Map.of(), 4, Map.of(), 1, null, 4, 4, 1, 1, 2L, true, true, false, "no", 1);
        List<RunEvent> events = List.of(
                new RunEvent(EventHeader.of("run-1", 0, 0L, "h", 1, 0L, null), new RunStart(config, RunKind.TRAIN, name,
                        Map.of("note", "a\rb"), null, "mlp", Map.of(), null, null, false)),
                new RunEvent(EventHeader.of("run-1", 1, 0L, "h", 1, 0L, null),
                        new EventBody.MetricUpdate("acc\u009b31m", 0.5)));

        List<String> lines = SummaryTable.render("run-1", RunReplay.of(events), events.size());

        assertThat(lines.get(0)).startsWith("run run-1 (digits\\n\\e[2J\\e]0;owned\\u0007): ");
        assertThat(lines.get(1)).contains("hp.note=a\\rb");
        assertThat(lines).anyMatch(line -> line.startsWith("acc\\u009b31m "));
        assertThat(lines).allMatch(line -> line.codePoints().noneMatch(TerminalText::needsEscape));
    }
}
