package io.trainstream.consumers.dashboard;

/** Escaping of untrusted text for HTML element content and quoted attribute values. */
final class Html {

    private Html() {
    }

    /**
     * @param text untrusted text (null gives the empty string)
     * @return the text with {@code & < > " '} replaced by character references
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
