package io.trainstream.cli.predict;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import io.trainstream.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** train --save-model, then predict with the saved model: no Kafka needed for the second step. */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictCommandTest {

    private Path home;
    private Path modelDir;

    @BeforeAll
    void trainIris(EmbeddedKafkaBroker broker, @TempDir Path dir) {
        home = dir;
        modelDir = dir.resolve("iris-model");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CliRun train = CliRun.run(home, "train", "--data", "iris", "--epochs", "15", "--hidden", "16", "--lr", "0.01", "--quiet",
                "--save-best", dir.resolve("best.params").toString(), "--save-model", modelDir.toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--events-topic", "predict-events-" + suffix,
                "--runs-topic", "predict-runs-" + suffix);
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void predictionsOfTheBundledIrisAreMostlyRightAndSaySo() {
        CliRun run = CliRun.run(home, "predict", "--model", modelDir.toString(), "--data", "iris");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(151);
        assertThat(run.outLines().get(0)).isEqualTo("row,prediction,probability,species");
        assertThat(run.outLines().get(1)).matches("1,(setosa|versicolor|virginica),0\\.\\d{6},setosa");
        double accuracy = Double.parseDouble(run.errLines().get(0).replaceAll(".*accuracy (\\S+) on 150 labelled rows.*", "$1"));
        assertThat(accuracy).isGreaterThan(0.8);
    }

    @Test
    void columnsInAnotherOrderWithoutTheLabelGiveTheSamePredictions() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/datasets/iris.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> reordered = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",");
            reordered.add(cells[3] + ";" + cells[2] + ";" + cells[1] + ";" + cells[0]);
        }
        Path csv = Files.write(home.resolve("reordered.csv"), reordered);
        Path out = home.resolve("predictions.csv");

        CliRun fromFile = CliRun.run(home, "predict", "--model", modelDir.toString(), "--data", csv.toString(), "--out", out.toString());
        CliRun bundled = CliRun.run(home, "predict", "--model", modelDir.toString(), "--data", "iris");

        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEmpty();
        List<String> written = Files.readAllLines(out);
        assertThat(written.get(0)).isEqualTo("row,prediction,probability");
        assertThat(written.subList(1, written.size()))
                .isEqualTo(bundled.outLines().subList(1, 151).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }

    @Test
    void aMissingFeatureColumnOrModelIsOneLine() throws IOException {
        Path csv = Files.writeString(home.resolve("partial.csv"), "sepal_length,sepal_width\n1,2\n");

        CliRun missingColumn = CliRun.run(home, "predict", "--model", modelDir.toString(), "--data", csv.toString());
        CliRun missingModel = CliRun.run(home, "predict", "--model", home.resolve("nothing").toString(), "--data", "iris");

        assertThat(missingColumn.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingColumn.errLines()).singleElement().asString().contains("petal_length, petal_width are missing");
        assertThat(missingModel.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingModel.errLines()).singleElement().asString().contains("no saved model here");
    }
}
