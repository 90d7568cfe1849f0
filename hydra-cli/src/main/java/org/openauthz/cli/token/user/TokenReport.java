package org.openauthz.cli.token.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.openauthz.cli.CliEnvironment;

/**
 * What one successful code exchange produced, as shown on the callback page and printed on stdout.
 *
 * @param expiresAt when the access token expires, {@code null} when the server sent no {@code expires_in}
 * @param idTokenClaims the verified ID token claims as pretty JSON, {@code null} when there is no valid ID token
 * @param idTokenProblem why the ID token is not valid, {@code null} when it is (or there is none)
 */
public record TokenReport(String accessToken, String refreshToken, Instant expiresAt, Long expiresIn, String idToken,
                          String idTokenClaims, String idTokenProblem) {

    /**
     * Validates the ID token (when there is one; {@code nonce} null skips the nonce check), prints the console block
     * on stdout and any ID token problem on stderr, and returns the report.
     */
    public static TokenReport of(TokenResponse tokens, IdTokenValidator validator, String clientId, String nonce,
                                 CliEnvironment environment) {
        String claims = null;
        String problem = null;
        if (tokens.idToken() != null) {
            try {
                validator.validate(tokens.idToken(), clientId, nonce);
                claims = ConsumerApp.prettyClaims(tokens.idToken());
            } catch (InvalidIdTokenException e) {
                problem = e.getMessage();
            }
        }
        Instant expiresAt = tokens.expiresIn() == null ? null
                : environment.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(tokens.expiresIn());
        TokenReport report = new TokenReport(tokens.accessToken(), tokens.refreshToken(), expiresAt, tokens.expiresIn(),
                tokens.idToken(), claims, problem);
        environment.out().print(report.consoleText());
        environment.out().flush();
        if (problem != null) {
            environment.err().println(InvalidIdTokenException.PREFIX + problem);
        }
        return report;
    }

    /** Shown in place of a token the server did not issue. */
    static final String NONE = "(none)";

    public String expiryText() {
        if (expiresIn == null || expiresAt == null) {
            return "unknown (the token endpoint sent no expires_in)";
        }
        return expiresAt + " (" + expiresIn + " seconds)";
    }

    /** The console block, one tab-indented value under each heading. */
    public String consoleText() {
        return "Access Token:\n\t" + accessToken + "\n"
                + "Refresh Token:\n\t" + orNone(refreshToken) + "\n"
                + "Expires in:\n\t" + expiryText() + "\n"
                + "ID Token:\n\t" + orNone(idToken) + "\n";
    }

    static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "TokenReport[expiresAt=" + expiresAt + ", idTokenProblem=" + idTokenProblem + "]";
    }
}
