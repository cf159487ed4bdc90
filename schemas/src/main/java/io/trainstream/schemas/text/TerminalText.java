package io.trainstream.schemas.text;

/**
 * Makes text from the event log (run names, metric names, config values: anything a user or a
 * producer chose) safe to print on a terminal: control characters become visible escapes, so a name
 * cannot move the cursor, clear the screen, rewrite the window title (ANSI/OSC sequences start with
 * ESC), break a table row (newline) or reverse the text around it (bidi overrides).
 *
 * <p>Escapes: {@code \n}, {@code \r}, {@code \t}, {@code \e} for ESC, {@code \\uXXXX} for every other
 * C0 or C1 control, DEL, line and paragraph separators and the bidi embedding, override and isolate
 * characters. Everything else, including non-ASCII letters and backslashes, is kept as it is.
 * Stateless and thread-safe.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * @param text any text, or null
     * @return the text with every control character escaped; null for null
     */
    public static String escape(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (!needsEscape(c)) {
                out.appendCodePoint(c);
                return;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x1b -> out.append("\\e");
                default -> out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    /**
     * @param c a code point
     * @return true for the characters {@link #escape} replaces
     */
    public static boolean needsEscape(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (needsEscape(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
