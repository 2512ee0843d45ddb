package org.oaiconformance.contract.outcome;

/**
 * Text from a target or a recording, made inert where it is rendered: HTML (Allure 2.34 renders environment values,
 * parameters and step names as raw HTML, fixed upstream in 2.38 by allure-framework/allure2#3271, a version the Maven
 * registry reached here does not serve) and Markdown (the summary, which GitHub and other viewers render).
 */
public final class Markup {
    private Markup() {
    }

    /** The text with {@code & < > " '} as entities: shown as text by any HTML renderer. */
    public static String html(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
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

    /**
     * One line fit for a terminal or a CI log: every control character (ESC and BEL of terminal sequences, line breaks
     * that would start a line of their own, such as a forged {@code ::error} workflow command) and every bidirectional
     * override shown as {@code ?}, so the text cannot move the cursor, retitle the window or reorder what a reader sees.
     */
    public static String console(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(inert(c) ? c : '?'));
        return out.toString();
    }

    /** A character that only shows itself: not a control (C0, DEL, C1), a line or paragraph separator, or a bidi control. */
    private static boolean inert(int c) {
        int type = Character.getType(c);
        boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
        return type != Character.CONTROL && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR && !bidi;
    }

    /**
     * One line of Markdown that renders as the text itself: HTML escaped, line breaks and table pipes neutralised,
     * control characters flattened as {@link #console} does, and the characters that start links, images, emphasis and
     * code backslash-escaped.
     */
    public static String markdown(String text) {
        if (text == null) {
            return "";
        }
        String flat = console(text.replace("\r", " ").replace('\n', ' '));
        StringBuilder out = new StringBuilder(flat.length());
        for (char c : flat.toCharArray()) {
            if ("\\`*_[]()!|#~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
