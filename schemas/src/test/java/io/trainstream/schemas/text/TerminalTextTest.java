package io.trainstream.schemas.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void ansiAndOscSequencesLoseTheirEscapeCharacter() {
        String name = "run\u001b[2J\u001b]0;pwned\u0007";

        String escaped = TerminalText.escape(name);

        assertThat(escaped).isEqualTo("run\\e[2J\\e]0;pwned\\u0007");
        assertThat(escaped.codePoints().noneMatch(TerminalText::needsEscape)).isTrue();
    }

    @Test
    void newlinesTabsAndCarriageReturnsBecomeVisible() {
        assertThat(TerminalText.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
    }

    @Test
    void c1ControlsDelAndBidiOverridesAreEscaped() {
        assertThat(TerminalText.escape("x\u009b31mx\u007f\u202egnp.exe")).isEqualTo("x\\u009b31mx\\u007f\\u202egnp.exe");
        assertThat(TerminalText.escape("line\u2028sep")).isEqualTo("line\\u2028sep");
    }

    @Test
    void ordinaryTextIsKeptAsItIsIncludingNonAsciiLettersAndBackslashes() {
        String name = "Ärger-Lauf 数字 C:\\data\\iris";

        assertThat(TerminalText.escape(name)).isSameAs(name);
        assertThat(TerminalText.escape(null)).isNull();
    }
}
