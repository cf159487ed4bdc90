package io.trainstream.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run recorded by {@code train}: {@code replay} rebuilds exactly the trainer's own history (as
 * its last training state saved it), and {@code whatif} answers what a live run with that early
 * stopping and the same seed then does.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayWhatIfTest {

    private static final int EPOCHS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private String[] connection;
    private String runId;

    @BeforeAll
    void trainWithoutEarlyStopping(EmbeddedKafkaBroker broker, @TempDir Path dir) {
        home = dir;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = new String[] {"--bootstrap-servers", broker.bootstrapServers(),
            "--events-topic", "replay-events-" + suffix, "--runs-topic", "replay-runs-" + suffix};
        CliRun train = CliRun.run(home, args("train", "--epochs", Integer.toString(EPOCHS), "--seed", "7",
                "--save-state-every", "1", "--state-dir", home.resolve("states").toString()));
        assertThat(train.exitCode()).as(train.err()).isZero();
        runId = train.outLines().get(0).replace("run id: ", "");
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        return all.toArray(String[]::new);
    }

    @Test
    void replayExportsExactlyTheTrainersHistoryAndPlotsIt() throws IOException {
        Path csv = home.resolve("out/history.csv");
        Path json = home.resolve("out/history.json");
        Path png = home.resolve("out/curves.png");

        CliRun replay = CliRun.run(home, args("replay", runId, "--csv", csv.toString(), "--json", json.toString(),
                "--plot", png.toString()));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("run " + runId + " (digits): COMPLETED, " + EPOCHS + " epoch(s)", "METRIC", "AT EPOCH",
                "eval_loss_epoch", "accuracy", "hp.lr=0.001", "seed=7");
        Map<String, List<Double>> trainers = trainersHistory();
        assertThat(readCsv(csv)).isEqualTo(trainers);
        JsonNode document = JSON.readTree(json.toFile());
        // the history's epoch moves on after each completed epoch
        assertThat(document.get("current_epoch").asInt()).isEqualTo(EPOCHS + 1);
        assertThat(document.get("metrics").get("accuracy").size()).isEqualTo(EPOCHS);
        assertThat(png).isNotEmptyFile();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    /** The history the trainer itself held after the last epoch, as its training state saved it. */
    private Map<String, List<Double>> trainersHistory() throws IOException {
        JsonNode saved = JSON.readTree(home.resolve("states").resolve(runId).resolve("epoch_" + EPOCHS)
                .resolve("trainer_metadata.json").toFile()).get("run_history");
        Map<String, List<Double>> history = new LinkedHashMap<>();
        saved.fieldNames().forEachRemaining(name -> {
            List<Double> values = new ArrayList<>();
            saved.get(name).forEach(v -> values.add(v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText())));
            history.put(name, values);
        });
        return new java.util.TreeMap<>(history);
    }

    private static Map<String, List<Double>> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("metric,index,value");
        Map<String, List<Double>> history = new java.util.TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            List<Double> values = history.computeIfAbsent(cells[0], name -> new ArrayList<>());
            assertThat(Integer.parseInt(cells[1])).isEqualTo(values.size());
            values.add(Double.parseDouble(cells[2]));
        }
        return history;
    }

    @Test
    void whatIfEarlyStoppingAnswersWhatALiveRunWithTheSameSeedDoes() throws IOException {
        String earlyStopping = "patience=1,threshold=" + thresholdThatStopsEarly();
        CliRun whatIf = CliRun.run(home, args("whatif", runId, "--early-stopping", earlyStopping, "--save-best", "metric=accuracy,mode=max"));
        assertThat(whatIf.exitCode()).as(whatIf.err()).isZero();
        Matcher stop = Pattern.compile("would have stopped after epoch (\\d+)").matcher(whatIf.out());
        assertThat(stop.find()).as(whatIf.out()).isTrue();
        assertThat(whatIf.out()).contains("best accuracy");
        int predicted = Integer.parseInt(stop.group(1));

        CliRun live = CliRun.run(home, args("train", "--epochs", Integer.toString(EPOCHS), "--seed", "7",
                "--early-stopping", earlyStopping));
        assertThat(live.exitCode()).as(live.err()).isZero();
        String liveId = live.outLines().get(0).replace("run id: ", "");
        CliRun liveReplay = CliRun.run(home, args("replay", liveId));

        assertThat(liveReplay.out()).contains("run " + liveId + " (digits): STOPPED, " + predicted + " epoch(s)");
    }

    /** Just above the smallest epoch-to-epoch improvement of eval_loss_epoch in epochs 2..7: a stop before the end. */
    private double thresholdThatStopsEarly() throws IOException {
        Path csv = home.resolve("out/threshold.csv");
        assertThat(CliRun.run(home, args("replay", runId, "--csv", csv.toString())).exitCode()).isZero();
        List<Double> loss = readCsv(csv).get("eval_loss_epoch");
        double smallest = Double.MAX_VALUE;
        for (int i = 1; i < EPOCHS - 1; i++) {
            smallest = Math.min(smallest, loss.get(i - 1) - loss.get(i));
        }
        return Math.max(smallest, 0) + 1e-4;
    }

    @Test
    void whatIfNeedsACallback() {
        CliRun whatIf = CliRun.run(home, args("whatif", runId));

        assertThat(whatIf.exitCode()).isEqualTo(2);
        assertThat(whatIf.errLines()).singleElement().asString().contains("--early-stopping, --save-best or --terminate-on-nan");
    }
}
