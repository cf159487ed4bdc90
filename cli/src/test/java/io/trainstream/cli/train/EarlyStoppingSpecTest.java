package io.trainstream.cli.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingSpecTest {

    @Test
    void keyValueListsSetTheCallback() {
        EarlyStoppingSpec spec = EarlyStoppingSpec.parse("patience=3, threshold=0.001,metric=accuracy,mode=max");

        assertThat(spec).isEqualTo(new EarlyStoppingSpec(3, 0.001, "accuracy", true));
        assertThat(spec.toCallback().patience()).isEqualTo(3);
        assertThat(spec.toCallback().watchMetric()).isEqualTo("accuracy");
    }

    @Test
    void anEmptyValueGivesTheDefaults() {
        assertThat(EarlyStoppingSpec.parse("")).isEqualTo(new EarlyStoppingSpec(1, 0.01, "eval_loss_epoch", false));
    }

    @Test
    void badKeysAndValuesAreNamed() {
        assertThatThrownBy(() -> EarlyStoppingSpec.parse("patience=two")).hasMessage("patience 'two' is not a number");
        assertThatThrownBy(() -> EarlyStoppingSpec.parse("wait=2")).hasMessageStartingWith("unknown key 'wait'");
        assertThatThrownBy(() -> EarlyStoppingSpec.parse("patience")).hasMessageStartingWith("'patience' is not key=value");
        assertThatThrownBy(() -> EarlyStoppingSpec.parse("mode=up")).hasMessage("mode must be min or max, was 'up'");
        assertThatThrownBy(() -> EarlyStoppingSpec.parse("patience=-1")).hasMessage("patience must be >= 0, was -1");
    }
}
