package io.trainstream.cli.train;

import io.trainstream.events.history.InMemoryRunHistory;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TrainResultTest {

    private static InMemoryRunHistory threeEpochs() {
        InMemoryRunHistory history = new InMemoryRunHistory();
        double[] evalLoss = {0.5, 0.3, 0.4};
        double[] accuracy = {0.7, 0.9, 0.8};
        for (int epoch = 0; epoch < 3; epoch++) {
            history.updateMetric("train_loss_epoch", 1.0 - epoch * 0.1);
            history.updateMetric("eval_loss_epoch", evalLoss[epoch]);
            history.updateMetric("accuracy", accuracy[epoch]);
        }
        history.updateMetric("lr", 0.001);
        return history;
    }

    @Test
    void withBestModelSavingTheMetricsAreThoseOfTheRestoredEpoch() {
        TrainResult testSubject = TrainResult.of(threeEpochs(), "m", 10, 2, "eval_loss_epoch");

        assertThat(testSubject.restoredEpoch()).isEqualTo(2);
        assertThat(testSubject.epochs()).isEqualTo(3);
        assertThat(testSubject.metrics()).containsEntry("eval_loss_epoch", 0.3).containsEntry("accuracy", 0.9)
                .containsEntry("train_loss_epoch", 0.9).containsEntry("lr", 0.001);
        StringWriter text = new StringWriter();
        testSubject.print(new PrintWriter(text, true));
        assertThat(text.toString()).contains("final metrics of the restored best model (epoch 2 of 3 trained):");
    }

    @Test
    void withoutItTheMetricsAreTheLastEpochs() {
        TrainResult testSubject = TrainResult.of(threeEpochs(), "m", 10, 2, null);

        assertThat(testSubject.restoredEpoch()).isZero();
        assertThat(testSubject.metrics()).containsEntry("eval_loss_epoch", 0.4).containsEntry("accuracy", 0.8);
    }
}
