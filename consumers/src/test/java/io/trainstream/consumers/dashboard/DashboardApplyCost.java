package io.trainstream.consumers.dashboard;

import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A loop benchmark, run by hand (not a test): thread CPU per event applied to a {@link DashboardState}, and
 * per event rendered into a stream message of 100 items, for a realistic event mix (step start/end pairs,
 * eval steps with outputs, epoch events and metric updates). Prints the median of the measured rounds, and
 * the heap a filled state retains.
 * Usage: {@code java -cp <test classpath> io.trainstream.consumers.dashboard.DashboardApplyCost [rounds]}.
 */
final class DashboardApplyCost {

    private static final int RUNS = 20;
    private static final int EPOCHS = 10;
    private static final int TRAIN_STEPS = 100;
    private static final int EVAL_STEPS = 20;
    private static final int BATCH = 100;

    private DashboardApplyCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<RunEvent> events = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            events.addAll(run("run-" + r));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] apply = new double[rounds];
        double[] send = new double[rounds];
        for (int round = -3; round < rounds; round++) { // three warm-up rounds
            DashboardState state = new DashboardState();
            List<DashboardUpdate> updates = new ArrayList<>(events.size());
            state.subscribe(updates::add);
            long start = cpu.getCurrentThreadCpuTime();
            for (RunEvent event : events) {
                state.accept(event);
            }
            long applied = cpu.getCurrentThreadCpuTime();
            long chars = 0;
            for (int from = 0; from < updates.size(); from += BATCH) {
                List<StreamMessages.Item> items = new ArrayList<>(BATCH);
                for (DashboardUpdate update : updates.subList(from, Math.min(updates.size(), from + BATCH))) {
                    items.add(StreamMessages.Item.of(update));
                }
                chars += DashboardJson.write(new StreamMessages.RunBatch(0L, updates.get(from).run(), items)).length();
            }
            long sent = cpu.getCurrentThreadCpuTime();
            if (round >= 0) {
                apply[round] = (applied - start) / (double) events.size();
                send[round] = (sent - applied) / (double) events.size();
            }
            if (chars == 0) {
                throw new IllegalStateException("nothing rendered");
            }
        }
        System.out.printf("events per round: %d%n", events.size());
        events.clear();
        System.out.printf("heap the state retains after %d runs (events not kept elsewhere): %.1f MB%n", RUNS,
                retainedBytes() / 1e6);
        System.out.printf("apply to DashboardState: median %.0f ns CPU per event %s%n", median(apply), Arrays.toString(round(apply)));
        System.out.printf("render in stream batches of %d: median %.0f ns CPU per event %s%n", BATCH, median(send),
                Arrays.toString(round(send)));
    }

    /** Used heap after GC with a filled state alive, less before: each run's events are dropped once fed. */
    private static long retainedBytes() {
        long before = usedAfterGc();
        DashboardState state = new DashboardState();
        for (int r = 0; r < RUNS; r++) {
            run("kept-" + r).forEach(state::accept);
        }
        long after = usedAfterGc();
        if (state.runs().size() != RUNS) {
            throw new IllegalStateException("runs missing");
        }
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<RunEvent> run(String runId) {
        List<RunEvent> out = new ArrayList<>();
        long step = 0;
        out.add(event(runId, out.size(), 1, step, null, new EventBody.TrainingRunStart()));
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.TrainEpochStart()));
            for (int i = 0; i < TRAIN_STEPS; i++) {
                out.add(event(runId, out.size(), epoch, step, i, new EventBody.TrainStepStart()));
                step++;
                double loss = 1.0 / (1 + step);
                out.add(event(runId, out.size(), epoch, step, i, new EventBody.TrainStepEnd(StepValues.of(loss, loss, 32))));
            }
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.TrainEpochEnd()));
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.EvalEpochStart(false)));
            for (int i = 0; i < EVAL_STEPS; i++) {
                out.add(event(runId, out.size(), epoch, step, i, new EventBody.EvalStepStart()));
                out.add(event(runId, out.size(), epoch, step, i, new EventBody.EvalStepEnd(new StepValues(0.5, null, 4,
                        List.of(0.1, 0.9, 0.4, 0.6), List.of(0.0, 1.0, 0.0, 1.0), null))));
            }
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.EvalEpochEnd(false)));
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.MetricUpdate("train_loss_epoch", 0.3)));
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.MetricUpdate("eval_loss_epoch", 0.4)));
            out.add(event(runId, out.size(), epoch, step, null, new EventBody.TrainingRunEpochEnd()));
        }
        out.add(event(runId, out.size(), EPOCHS, step, null, new EventBody.TrainingRunEnd()));
        return out;
    }

    private static RunEvent event(String runId, long seq, int epoch, long globalStep, Integer step, EventBody body) {
        return new RunEvent(new EventHeader(runId, seq, 1_760_000_000_000L + seq, 0, 1, "bench", epoch, globalStep, step),
                body);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
