package io.trainstream.trainer.kafka;

import io.trainstream.trainer.InterruptOnShutdown;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.TrainingInterruptedException;
import io.trainstream.trainer.callback.TrainerCallback;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The trainer process of {@link TrainerKilledTest}: trains the {@link TrainingScenario} MLP for many
 * epochs, publishing through an outbox, and prints {@code RUN <id>} and {@code EPOCH <n>} lines so the
 * test knows when to kill it (with SIGKILL: it never ends by itself within the test's patience).
 *
 * <p>Arguments: bootstrap servers, outbox directory.
 */
public final class CrashingTrainerMain {

    private CrashingTrainerMain() {}

    /** @param args bootstrap servers, outbox directory, and optionally "interruptible" (end the run on SIGTERM) */
    public static void main(String[] args) {
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(args[0]).optOutboxDir(Path.of(args[1]))
                .optFlushTimeout(Duration.ofSeconds(1)).build();
        boolean interruptible = args.length > 2 && "interruptible".equals(args[2]);
        InterruptOnShutdown[] guard = new InterruptOnShutdown[1];
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            TrainingScenario.run(publisher, 1_000, 1_000, 32 * 100, new TrainerCallback() {
                @Override
                public void onTrainingRunStart(Trainer trainer) {
                    if (interruptible) {
                        guard[0] = InterruptOnShutdown.install(trainer);
                    }
                    System.out.println("RUN " + trainer.runId());
                    System.out.flush();
                }

                @Override
                public void onTrainEpochStart(Trainer trainer) {
                    System.out.println("EPOCH " + trainer.runHistory().currentEpoch());
                    System.out.flush();
                }
            });
        } catch (TrainingInterruptedException e) {
            System.out.println("INTERRUPTED " + e.getMessage());
            System.out.flush();
        } finally {
            if (guard[0] != null) {
                guard[0].close();
            }
        }
    }
}
