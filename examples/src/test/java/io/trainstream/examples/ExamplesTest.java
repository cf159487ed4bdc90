package io.trainstream.examples;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.EventType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs every example on the bundled real data and checks what it did. */
class ExamplesTest {

    /** Example state stays under the module's target directory. */
    private static Path workDir(String name) throws IOException {
        Path dir = Path.of("target", "example-runs", name).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void theAccuracyCallbackRecordsAccuracyEveryEpochAndIrisIsLearned() {
        MetricCallbackExample.Result result = MetricCallbackExample.runExample(8);
        assertThat(result.accuracy()).hasSize(8).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
        assertThat(result.accuracy().get(7)).isGreaterThan(0.8);
        assertThat(result.evalLoss().get(7)).isLessThan(result.evalLoss().get(0));
    }

    @Test
    void theCustomEventReachesItsHandlerOnceForEveryTrainBatch() {
        // 120 training rows in batches of 16: 8 batches per epoch
        assertThat(CustomEventExample.runExample(2)).isEqualTo(16);
    }

    @Test
    void theLogMetricsSubclassWritesTheRunConfigThenTrainAndEvalMetricsPerEpoch() throws IOException {
        List<String> lines = CustomLoggerExample.runExample(workDir("logger").resolve("metrics.jsonl"), 3);
        assertThat(lines).hasSize(1 + 2 * 3);
        assertThat(lines.get(0)).contains("\"tags\"").contains("\"num_epochs\":3");
        assertThat(lines.get(1)).contains("\"train_loss_epoch\"").doesNotContain("eval_loss_epoch").contains("\"epoch\":1");
        assertThat(lines.get(2)).contains("\"eval_loss_epoch\"").doesNotContain("train_loss_epoch");
        assertThat(lines.get(6)).contains("\"epoch\":3");
    }

    @Test
    void earlyStoppingEndsTheRunAndTheBestWeightsAreTheOnesLeftInTheModel() throws IOException {
        Path dir = workDir("early-stopping");
        EarlyStoppingExample.Result result = EarlyStoppingExample.runExample(dir, 40);
        assertThat(result.evalLosses()).as("stopped before the 40 epochs").hasSizeLessThan(40).hasSizeGreaterThan(2);
        assertThat(result.accuracies()).hasSameSizeAs(result.evalLosses());
        double best = result.evalLosses().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double last = result.evalLosses().get(result.evalLosses().size() - 1);
        // the reloaded weights score the best epoch's loss, not the last epoch's
        assertThat(result.evaluationLossAfterRun()).isCloseTo(best, within(1e-5));
        if (last != best) {
            assertThat(result.evaluationLossAfterRun()).isNotCloseTo(last, within(1e-6));
        }
        assertThat(dir.resolve("best_model.zip")).exists();
    }

    @Test
    void theProgressBarAdvancesOncePerBatchNotPerUpdateAndPrints() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ProgressBarExample.Result result;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = ProgressBarExample.runExample(2);
        } finally {
            System.setOut(original);
        }
        // 8 batches per epoch with accumulation 2: 4 updates per epoch
        assertThat(result.ticksPerEpoch()).containsExactly(8L, 8L);
        assertThat(result.updates()).isEqualTo(8);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("8/8").contains("Starting epoch 2");
    }

    @Test
    void theClassWeightsEndOnTheTrainersDeviceAndTheWeightedLossTrains() {
        MoveToDeviceExample.Result result = MoveToDeviceExample.runExample(2);
        assertThat(result.weightsDevice()).isEqualTo(result.trainerDevice());
        assertThat(result.trainLoss()).isFinite().isPositive();
    }

    @Test
    void theQuickStartWarmsUpThenDecaysAndKeepsTheBestLoss() throws IOException {
        QuickStartExample.Result result = QuickStartExample.runExample(workDir("quick-start"));
        assertThat(result.evalLosses()).isNotEmpty();
        assertThat(result.evalLosses().get(result.evalLosses().size() - 1)).isLessThan(result.evalLosses().get(0));
        // after the run the cosine schedule is past its peak (at its 1e-6 floor if all 10 epochs ran)
        assertThat(result.rateAfterRun()).isLessThan(0.01f).isGreaterThanOrEqualTo(1e-6f);
        assertThat(Path.of("target", "example-runs", "quick-start", "best_model.zip")).exists();
    }

    @Test
    void aPublishedRunIsReadBackCompleteAndInOrderWithTheLiveMetrics() throws IOException {
        String servers = EmbeddedKafkaExtension.shared().bootstrapServers();
        PublishingExample.Result result = PublishingExample.runExample(servers, workDir("publishing"), 3);
        assertThat(result.seqs()).containsExactlyElementsOf(LongStream.range(0, result.seqs().size()).boxed().toList());
        assertThat(result.lastType()).isEqualTo(EventType.RUN_END);
        assertThat(result.evalLosses()).hasSize(3).isEqualTo(result.liveEvalLosses());
    }
}
