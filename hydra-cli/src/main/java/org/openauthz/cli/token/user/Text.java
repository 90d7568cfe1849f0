package org.openauthz.cli.token.user;

import java.util.Locale;

/** Untrusted text (from a token, a server answer or the callback query) made fit for one console line. */
final class Text {

    private static final int MAX_CHARS = 300;

    private Text() {
    }

    /** Control characters become '?', long text is cut; {@code null} becomes "". */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder();
        text.codePoints().limit(MAX_CHARS).forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_CHARS ? safe + "..." : safe.toString();
    }

    static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
