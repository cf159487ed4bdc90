package io.trainstream.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.schedule.LearningRate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * Issue 7 item 3: trainstream's {@link Trainer} ÷ DJL's own {@link EasyTrain#fit} on the same model
 * architecture, data, batch size, optimizer and number of epochs (one epoch per call), both without
 * publishing and without callbacks or listeners. Calls alternate after a warm-up of 1500 steps each.
 */
final class EasyTrainSection implements Suite.Section {

    static final int BATCH = 64;
    static final int STEPS = 250;

    @Override
    public void run(Suite.Context ctx) throws Exception {
        int warmupSteps = ctx.quick ? 1000 : 1500;
        int reps = ctx.quick ? 5 : 8;
        ctx.put("model", "MLP 64-64-64-10 (ReLU), Adam lr 0.001, softmax cross-entropy, generated 10-class data");
        ctx.put("batch", BATCH);
        ctx.put("steps_per_epoch", STEPS);
        ctx.put("warmup_steps_each", warmupSteps);
        ctx.put("repetitions", reps);
        ctx.put("djl", Machine.djl());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (NDManager manager = NDManager.newBaseManager();
                Model ours = BenchModel.mlp();
                Model theirs = BenchModel.mlp();
                Trainer trainer = new Trainer(ours, Loss.softmaxCrossEntropyLoss(),
                        Optimizer.adam().optLearningRateTracker(LearningRate.of(0.001f)).build(), Callbacks.none())) {
            trainer.publishTo(EventPublisher.NONE);
            ArrayDataset data = BenchModel.data(manager, STEPS * BATCH, BATCH);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(
                            ai.djl.training.tracker.Tracker.fixed(0.001f)).build())
                    .optDevices(new Device[] {theirs.getNDManager().getDevice()});
            ctx.put("easytrain_listeners", config.getTrainingListeners().size());
            try (ai.djl.training.Trainer djl = theirs.newTrainer(config)) {
                djl.initialize(new Shape(BATCH, BenchModel.FEATURES));
                Runnable oursEpoch = () -> trainer.train(data,
                        TrainConfig.builder().numEpochs(1).perDeviceBatchSize(BATCH).build());
                Runnable theirsEpoch = () -> {
                    try {
                        EasyTrain.fit(djl, 1, data, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                ctx.log("warm-up: %d steps each", warmupSteps);
                for (int steps = 0; steps < warmupSteps; steps += STEPS) {
                    theirsEpoch.run();
                    oursEpoch.run();
                }
                Samples oursWall = new Samples();
                Samples theirsWall = new Samples();
                Samples oursCpu = new Samples();
                Samples theirsCpu = new Samples();
                for (int rep = 0; rep < reps; rep++) {
                    for (boolean isOurs : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        long cpu = threads.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        (isOurs ? oursEpoch : theirsEpoch).run();
                        (isOurs ? oursWall : theirsWall).add((System.nanoTime() - start) / 1e6);
                        (isOurs ? oursCpu : theirsCpu).add((threads.getCurrentThreadCpuTime() - cpu) / 1e6);
                    }
                    ctx.log("rep %d/%d: Trainer %.1f ms (cpu %.1f), EasyTrain %.1f ms (cpu %.1f)", rep + 1, reps,
                            oursWall.values().get(rep), oursCpu.values().get(rep), theirsWall.values().get(rep),
                            theirsCpu.values().get(rep));
                }
                ctx.put("epoch_ms", Map.of("trainer", oursWall.stats(), "easytrain", theirsWall.stats()));
                ctx.put("thread_cpu_ms", Map.of("trainer", oursCpu.stats(), "easytrain", theirsCpu.stats()));
                ctx.put("step_us", Map.of("trainer", oursWall.median() * 1000 / STEPS, "easytrain",
                        theirsWall.median() * 1000 / STEPS));
                ctx.row("Trainer ÷ EasyTrain.fit, one epoch (wall)", oursWall, theirsWall, "ms",
                        oursWall.median() / theirsWall.median(), Samples.pairedRatios(oursWall, theirsWall), "<= 1.05");
                ctx.row("Trainer ÷ EasyTrain.fit, one epoch (calling-thread CPU)", oursCpu, theirsCpu, "ms",
                        oursCpu.median() / theirsCpu.median(), Samples.pairedRatios(oursCpu, theirsCpu), "<= 1.05");
            }
        }
    }
}
