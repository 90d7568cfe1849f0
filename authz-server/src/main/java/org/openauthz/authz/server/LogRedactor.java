package org.openauthz.authz.server;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out what must never be written to a log unless {@code log.leak_sensitive_values} is set: tokens, codes,
 * secrets, passwords, verifiers, challenges, state and nonce values, credentials of {@code Authorization} headers
 * and session cookies, wherever they appear in a line (a request line's query string, a form or JSON body quoted in
 * an exception message, a database error's {@code Key (column)=(value)}), and anything shaped like one of our tokens
 * (opaque {@code <43>.<43>} tokens and JWTs) whatever it is called. Applied to whole formatted lines, so stack traces
 * are covered too (<a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.4">RFC 6819 §5.1.4.1</a>: tokens
 * are credentials; <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4">RFC 9700 §4.2.4</a>).
 */
public final class LogRedactor {
    public static final String REDACTED = "[redacted]";

    private static final String SENSITIVE_NAMES = "code|access_token|refresh_token|id_token|id_token_hint|token"
            + "|logout_token|client_secret|client_assertion|assertion|password|passwd|secret|code_verifier"
            + "|login_verifier|consent_verifier|logout_verifier|login_challenge|consent_challenge|logout_challenge"
            + "|challenge|verifier|csrf|_csrf|state|nonce|oauth2_[a-z_]+";

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? matcher.replaceAll(replacement) : text;
        }
    }

    private static final List<Rule> RULES = List.of(
            // Authorization: Basic xxx / Bearer xxx (RFC 9110 §11.6.2), and a bare "Bearer xxx".
            new Rule(Pattern.compile("(?i)(\\b(?:proxy-)?authorization\\\\?\"?'?\\s*[:=]\\s*\\\\?\"?'?"
                    + "(?:[A-Za-z]+\\s+)?)[^\\s\"',;\\\\]+"), "$1" + REDACTED),
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{16,}"), "$1 " + REDACTED),
            // name=value in query strings, form bodies and cookie headers.
            new Rule(Pattern.compile("(?i)((?<![A-Za-z0-9_-])(?:" + SENSITIVE_NAMES + ")=)[^&\\s\"';,#\\\\]+"),
                    "$1" + REDACTED),
            // "name": "value" in JSON, also when the JSON is itself quoted inside a JSON log line.
            new Rule(Pattern.compile("(?i)(\\\\?\"(?:" + SENSITIVE_NAMES + ")\\\\?\"\\s*:\\s*\\\\?\")[^\"\\\\]+"),
                    "$1" + REDACTED),
            // PostgreSQL's "Key (column)=(value) already exists."
            new Rule(Pattern.compile("(Key \\([^)]*\\)=\\()[^)]*"), "$1" + REDACTED),
            // Opaque tokens and codes: base64url(32 bytes) "." base64url(32 bytes).
            new Rule(Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
                    REDACTED),
            // JWS and JWE compact serializations (ID tokens, logout tokens, client assertions).
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+"
                    + "(?:\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)?"), REDACTED));

    private LogRedactor() {
    }

    public static String redact(String line) {
        String out = line;
        for (Rule rule : RULES) {
            out = rule.apply(out);
        }
        return out;
    }
}
