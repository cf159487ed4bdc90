package io.trainstream.cli.runs;

import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.history.InMemoryRunHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunsTableTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static RunSummary crashed(String name) {
        return RunSummary.newBuilder().setRunId("run-1").setRunName(name).setStatus(RunStatus.CRASHED).setKind(RunKind.TRAIN)
                .setStartTime(START).setEndTime(START.plusSeconds(5)).setHost("h")
                .setConfig(Map.of("hp.data_file", "/data/houses.csv")).setEpochsCompleted(0).setGlobalStep(120L)
                .setEventsTopic("t").setPartition(0).setFirstOffset(0L).setUpdatedTime(START).build();
    }

    @Test
    void extraMetricsShowTheirLastAndBestAndEpochsComeFromTheLog() {
        InMemoryRunHistory history = new InMemoryRunHistory();
        for (double[] epoch : new double[][] {{0.9, 0.5}, {0.6, 0.9}, {0.7, 0.8}}) {
            history.updateMetric("train_loss_epoch", epoch[0]);
            history.updateMetric("accuracy", epoch[1]);
        }
        history.updateMetric("eval_loss_epoch", 0.4);

        List<String> lines = RunsTable.render(List.of(crashed("plain")), START, List.of("accuracy", "eval_loss_epoch"),
                Map.of("run-1", history));

        assertThat(lines.get(0)).contains("EPOCHS", "STEPS", "DATA", "ACCURACY", "ACCURACY BEST", "EVAL_LOSS_EPOCH BEST");
        assertThat(lines.get(1).split("\\s{2,}")).contains("CRASHED", "3", "120", "houses.csv", "0.8000", "0.9000", "0.4000");
    }

    @Test
    void controlCharactersInARunNameAreShownEscaped() {
        List<String> lines = RunsTable.render(List.of(crashed("evil\u001b[2J\nname\u202e")), START);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("evil\\u001b[2J\\nname\\u202e").doesNotContain("\u001b");
    }

    @Test
    void bestIsTheLowestForLossesAndTheHighestOtherwise() {
        assertThat(RunsTable.best("eval_loss_epoch", List.of(0.5, 0.2, 0.3))).isEqualTo(0.2);
        assertThat(RunsTable.best("mae", List.of(0.5, 0.2, 0.3))).isEqualTo(0.2);
        assertThat(RunsTable.best("r2", List.of(0.5, 0.2, Double.NaN))).isEqualTo(0.5);
    }
}
