package io.trainstream.cli.runs;

/**
 * Makes user text (run names, metric names, file names from a run's config) safe to print in a table on a
 * terminal: control characters (escape sequences, line breaks, backspace) and bidirectional overrides
 * would otherwise move the cursor, recolour or reorder the output. They are shown escaped instead.
 */
final class PrintableText {

    private PrintableText() {
    }

    /**
     * @param text user text, or null
     * @return the text with {@code \n}, {@code \r}, {@code \t} escaped as such and other control or bidi
     *     formatting characters as {@code \}{@code uXXXX}; null stays null
     */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append('\\');
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
