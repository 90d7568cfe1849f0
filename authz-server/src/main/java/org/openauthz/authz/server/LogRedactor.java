package org.openauthz.authz.server;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out what must never be written to a log unless {@code log.leak_sensitive_values} is set: tokens, codes,
 * secrets, passwords, verifiers, challenges, state and nonce values, credentials of {@code Authorization} headers
 * and session cookies, wherever they appear in a line (a request line's query string, a form or JSON body quoted in
 * an exception message, a database error's {@code Key (column)=(value)}), and anything shaped like one of our tokens
 * (opaque {@code <43>.<43>} tokens and JWTs) whatever it is called. Applied to whole formatted lines, so stack traces
 * are covered too (<a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.4">RFC 6819 §5.1.4.1</a>: tokens
 * are credentials; <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4">RFC 9700 §4.2.4</a>). Each rule
 * first looks for a literal it needs, so a line without one costs a few string searches, not a regex scan.
 */
public final class LogRedactor {
    public static final String REDACTED = "[redacted]";

    private static final Set<String> SENSITIVE_NAMES = Set.of("code", "access_token", "refresh_token", "id_token",
            "id_token_hint", "token", "logout_token", "client_secret", "client_assertion", "assertion", "password",
            "passwd", "secret", "code_verifier", "login_verifier", "consent_verifier", "logout_verifier",
            "login_challenge", "consent_challenge", "logout_challenge", "challenge", "verifier", "csrf", "_csrf",
            "state", "nonce");
    /** The flow's cookies (oauth2_authentication_session, ..._csrf, with or without _insecure or _legacy). */
    private static final String COOKIE_PREFIX = "oauth2_";

    /** Authorization: Basic xxx / Bearer xxx (RFC 9110 §11.6.2), also as a JSON member or a name=value pair. */
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(\\b(?:proxy-)?authorization\\\\?\"?'?\\s*[:=]"
            + "\\s*\\\\?\"?'?(?:[A-Za-z]+\\s+)?)[^\\s\"',;\\\\]+");
    private static final Pattern BEARER_OR_BASIC = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{16,}");
    /** "name": "value" in JSON, also when the JSON is itself quoted inside a JSON log line. */
    private static final Pattern JSON_MEMBER = Pattern.compile("(\\\\?\"([A-Za-z0-9_-]+)\\\\?\"\\s*:\\s*\\\\?\")"
            + "([^\"\\\\]+)");
    /** PostgreSQL's "Key (column)=(value) already exists." */
    private static final Pattern DATABASE_KEY = Pattern.compile("(Key \\([^)]*\\)=\\()[^)]*");
    /** JWS and JWE compact serializations (ID tokens, logout tokens, client assertions). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+"
            + "(?:\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)?");
    private static final int OPAQUE_PART = 43;
    private static final String VALUE_ENDS = "&\"';,#\\";

    private LogRedactor() {
    }

    public static String redact(String line) {
        String out = line;
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.contains("authorization")) {
            out = replace(AUTHORIZATION, out, "$1" + REDACTED);
        }
        if (lower.contains("bearer") || lower.contains("basic")) {
            out = replace(BEARER_OR_BASIC, out, "$1 " + REDACTED);
        }
        if (out.indexOf('=') >= 0) {
            out = redactParameters(out);
        }
        if (out.contains("\":") || out.contains("\" :")) {
            out = redactJsonMembers(out);
        }
        if (out.contains("Key (")) {
            out = replace(DATABASE_KEY, out, "$1" + REDACTED);
        }
        if (out.contains("eyJ")) {
            out = replace(JWT, out, REDACTED);
        }
        return redactOpaqueTokens(out);
    }

    private static boolean sensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_NAMES.contains(lower) || lower.startsWith(COOKIE_PREFIX);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }

    /** The value of every sensitive JSON member. */
    private static String redactJsonMembers(String text) {
        Matcher matcher = JSON_MEMBER.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            if (sensitive(matcher.group(2))) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, matcher.start(3)).append(REDACTED);
                copied = matcher.end(3);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * name=value in query strings, form bodies and cookie headers: from each '=', the name is the run of
     * base64url characters before it and the value runs to the next separator.
     */
    private static String redactParameters(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            int nameStart = eq;
            while (nameStart > 0 && isBase64url(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            int valueEnd = eq + 1;
            while (valueEnd < text.length() && VALUE_ENDS.indexOf(text.charAt(valueEnd)) < 0
                    && !Character.isWhitespace(text.charAt(valueEnd))) {
                valueEnd++;
            }
            if (nameStart >= copied && nameStart < eq && valueEnd > eq + 1 && sensitive(text.substring(nameStart, eq))) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, eq + 1).append(REDACTED);
                copied = valueEnd;
                eq = valueEnd - 1;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Opaque tokens and codes: base64url(32 bytes) "." base64url(32 bytes), found in one pass over the line. */
    private static String redactOpaqueTokens(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int run = base64urlRun(text, i);
            if (run == OPAQUE_PART && i + run < text.length() && text.charAt(i + run) == '.'
                    && base64urlRun(text, i + run + 1) == OPAQUE_PART) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, i).append(REDACTED);
                copied = i + 2 * OPAQUE_PART + 1;
                i = copied;
            } else {
                i += Math.max(run, 1);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static int base64urlRun(String text, int from) {
        int end = from;
        while (end < text.length() && isBase64url(text.charAt(end))) {
            end++;
        }
        return end - from;
    }

    private static boolean isBase64url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
