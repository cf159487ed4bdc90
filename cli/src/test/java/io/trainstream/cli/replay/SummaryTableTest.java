package io.trainstream.cli.replay;

import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.schemas.text.TerminalText;
import io.trainstream.trainer.event.EventType;
import io.trainstream.trainer.event.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    @Test
    void runNamesConfigValuesAndMetricNamesFromTheLogReachTheTerminalEscaped() {
        String name = "digits\n\u001b[2J\u001b]0;owned\u0007";
        List<TrainingEvent> events = List.of(
                new TrainingEvent("run-1", 0, 0, EventType.RUN_START, "run_start", 1, 0, null,
                        Map.of("run_name", name, "hyperparameters", Map.of("note", "a\rb"))),
                new TrainingEvent("run-1", 1, 0, EventType.METRIC_UPDATE, "metric_update", 1, 0, null,
                        Map.of("name", "acc\u009b31m", "value", 0.5)));

        List<String> lines = SummaryTable.render("run-1", RunReplay.of(events), events.size());

        assertThat(lines.get(0)).startsWith("run run-1 (digits\\n\\e[2J\\e]0;owned\\u0007): ");
        assertThat(lines.get(1)).contains("hp.note=a\\rb");
        assertThat(lines).anyMatch(line -> line.startsWith("acc\\u009b31m "));
        assertThat(lines).allMatch(line -> line.codePoints().noneMatch(TerminalText::needsEscape));
    }
}
