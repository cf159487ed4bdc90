package io.trainstream.cli.train;

import ai.djl.Model;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A trainer whose {@link #print} lines (progress, metrics, early stopping, checkpoint loading) go to the
 * {@value #LOGGER} logger, which the command's logging configuration writes to stderr, instead of to
 * stdout: stdout is for results. With {@code quiet} they are dropped.
 */
final class LoggingTrainer extends Trainer {

    /** The logger of the training chatter; configure it (or pass --quiet) to silence it. */
    static final String LOGGER = "trainstream.progress";

    private static final Logger PROGRESS = LoggerFactory.getLogger(LOGGER);

    private final boolean quiet;

    LoggingTrainer(Model model, Loss loss, Optimizer optimizer, Iterable<? extends TrainerCallback> callbacks, boolean quiet) {
        super(model, loss, optimizer, callbacks);
        this.quiet = quiet;
    }

    /** Logs the parts as one INFO line, without the blank lines the reference puts before some messages. */
    @Override
    public void print(Object... parts) {
        if (!quiet) {
            PROGRESS.info(Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" ")).strip());
        }
    }
}
