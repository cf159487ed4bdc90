package io.trainstream.trainer.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scheduler value, step by step, against the values pytorch-accelerated's own scheduler classes
 * produce for the same options (resources/reference/scheduler_values.json, written by
 * generate_scheduler_values.py from the reference's source). Two rates (0.01 and 0.002) stand for the
 * reference tests' two parameter groups. Values must agree within 4 float ulps: DJL's base rate is a
 * float (0.01f is not the double 0.01), which moves the last bit of some values.
 */
class SchedulerParityTest {

    private static JsonNode cases() throws IOException {
        try (InputStream in = SchedulerParityTest.class.getResourceAsStream("/reference/scheduler_values.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> cosineAndWsdValuesMatchTheReferenceStepForStep() throws IOException {
        return StreamSupport.stream(cases().spliterator(), false)
                .filter(c -> !c.get("kind").asText().equals("wsd_continuation"))
                .map(c -> DynamicTest.dynamicTest(c.get("kind").asText() + " " + c.get("name").asText(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> aContinuationStaysStableWhereTheReferenceWarmsUpAgain() throws IOException {
        return StreamSupport.stream(cases().spliterator(), false)
                .filter(c -> c.get("kind").asText().equals("wsd_continuation"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> checkContinuation(c)));
    }

    private static void check(JsonNode c) {
        List<LearningRate> rates = rates(c);
        JsonNode o = c.get("options");
        LrScheduler scheduler = c.get("kind").asText().equals("cosine") ? cosine(rates, o) : wsd(rates, o);
        if (scheduler instanceof WsdLrScheduler planned) {
            List<Integer> expected = new ArrayList<>();
            c.get("checkpoint_steps").forEach(n -> expected.add(n.asInt()));
            assertThat(planned.checkpointSteps()).isEqualTo(expected);
            assertThat(planned.numWarmupSteps()).isEqualTo(c.get("num_warmup_steps").asInt());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode info = c.get("decay_info").get(i);
                assertThat(planned.decayInfo().get(i)).isEqualTo(new WsdPeriod(info.get("period_start").asInt(),
                        info.get("period_end").asInt(), info.get("decay_steps").asInt(), info.get("pre_decay_step").asInt()));
            }
        }
        assertSteps(c, rates, scheduler, 0);
    }

    private static void checkContinuation(JsonNode c) {
        JsonNode init = c.get("initial");
        List<LearningRate> rates = rates(c);
        WsdLrScheduler initial = WsdLrScheduler.builder(rates.toArray(LearningRate[]::new))
                .totalSteps(IntValue.of(init.get("total_steps").asInt())).numCheckpoints(init.get("num_checkpoints").asInt())
                .decayPhaseRatio(init.get("decay_phase_ratio").asDouble()).numWarmupSteps(init.get("num_warmup_steps").asInt())
                .build(init.get("total_steps").asInt());
        for (int i = 0; i < c.get("initial_steps").asInt(); i++) {
            initial.step();
        }
        List<LearningRate> fresh = rates(c);
        WsdLrScheduler continued = WsdLrScheduler.builder(fresh.toArray(LearningRate[]::new)).numCheckpoints(1)
                .decayPhaseRatio(0.1).continuationFromCheckpoint(true).build(c.get("continued").get("total_steps").asInt());
        continued.loadState(initial.state());
        assertThat(c.get("flag_after_load").asBoolean()).as("the reference drops the continuation flag").isFalse();
        assertThat(continued.isContinuationFromCheckpoint()).isTrue();
        assertThat(continued.stepsTaken()).isZero();
        int warmup = init.get("num_warmup_steps").asInt();
        for (int step = 0; step < c.get("steps").asInt(); step++) {
            continued.step();
            float reference = (float) c.get("after").get(0).get(step).asDouble();
            if (step < warmup) {
                // the reference warms up again; a continuation here holds the base rate
                assertThat(reference).isLessThan(fresh.get(0).initialValue());
                assertThat(fresh.get(0).value()).isEqualTo(fresh.get(0).initialValue());
            } else {
                assertThat(fresh.get(0).value()).as("step %d", step).isCloseTo(reference, close(reference));
            }
        }
    }

    private static void assertSteps(JsonNode c, List<LearningRate> rates, LrScheduler scheduler, int from) {
        for (int g = 0; g < rates.size(); g++) {
            float before = (float) c.get("before").get(g).asDouble();
            assertThat(rates.get(g).value()).as("%s before the first step, group %d", c.get("name"), g)
                    .isCloseTo(before, close(before));
        }
        int steps = c.get("steps").asInt();
        for (int step = 0; step < steps; step++) {
            scheduler.step();
            assertThat(scheduler.stepsTaken()).isEqualTo(step + 1);
            for (int g = 0; g < rates.size(); g++) {
                float expected = (float) c.get("after").get(g).get(step).asDouble();
                assertThat(rates.get(g).value()).as("%s after step %d, group %d", c.get("name"), step + 1, g)
                        .isCloseTo(expected, close(expected));
            }
        }
    }

    private static org.assertj.core.data.Offset<Float> close(float expected) {
        return org.assertj.core.data.Offset.offset(4 * Math.ulp(expected));
    }

    private static List<LearningRate> rates(JsonNode c) {
        List<LearningRate> rates = new ArrayList<>();
        c.get("base").forEach(b -> rates.add(LearningRate.of((float) b.asDouble())));
        return rates;
    }

    private static CosineLrScheduler cosine(List<LearningRate> rates, JsonNode o) {
        CosineLrScheduler.Builder b = CosineLrScheduler.builder(rates.toArray(LearningRate[]::new));
        if (o.has("lr_min")) {
            b.lrMin(o.get("lr_min").asDouble());
        }
        if (o.has("min_lr_ratio")) {
            b.minLrRatio(o.get("min_lr_ratio").asDouble());
        }
        if (o.has("num_cooldown_epochs")) {
            b.numCooldownEpochs(o.get("num_cooldown_epochs").asInt());
        }
        if (o.has("num_warmup_epochs")) {
            b.numWarmupEpochs(o.get("num_warmup_epochs").asInt());
        }
        if (o.has("warmup_starting_lr")) {
            b.warmupStartingLr(o.get("warmup_starting_lr").asDouble());
        }
        if (o.has("warmup_starting_lr_ratio")) {
            b.warmupStartingLrRatio(o.get("warmup_starting_lr_ratio").asDouble());
        }
        if (o.has("k_decay")) {
            b.kDecay(o.get("k_decay").asDouble());
        }
        return b.build(o.get("total_num_epochs").asInt(), o.get("num_update_steps_per_epoch").asInt());
    }

    private static WsdLrScheduler wsd(List<LearningRate> rates, JsonNode o) {
        WsdLrScheduler.Builder b = WsdLrScheduler.builder(rates.toArray(LearningRate[]::new));
        // the reference's constructor defaults to no warm-up; null asks for 1 % of the total
        if (!o.has("num_warmup_steps")) {
            b.numWarmupSteps(0);
        } else if (!o.get("num_warmup_steps").isNull()) {
            b.numWarmupSteps(o.get("num_warmup_steps").asInt());
        }
        if (o.has("num_checkpoints")) {
            b.numCheckpoints(o.get("num_checkpoints").asInt());
        }
        if (o.has("decay_phase_ratio")) {
            b.decayPhaseRatio(o.get("decay_phase_ratio").asDouble());
        }
        if (o.has("lr_min")) {
            b.lrMin(o.get("lr_min").asDouble());
        }
        if (o.has("use_inverse_sqrt_decay")) {
            b.useInverseSqrtDecay(o.get("use_inverse_sqrt_decay").asBoolean());
        }
        return b.build(o.get("total_steps").asInt());
    }
}
