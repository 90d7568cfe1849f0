package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.FlowState;
import org.openauthz.authz.consent.LoginSession;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Hydra's handled consent requests into finished flows ({@link FlowState#CONSENT_USED}): the consent sessions
 * the admin API lists and, when remembered, the ones that let a later authorization skip the consent screen
 * (OpenID Connect Core §3.1.2.4; Hydra's "remember" semantics). Only consents that Hydra itself counts as sessions
 * are carried: accepted, with the verifier used, and shown to the user (not themselves skipped).
 */
final class HydraConsents {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final SecureRandom random;

    HydraConsents(ObjectMapper json, SecureRandom random) {
        this.json = json;
        this.random = random;
    }

    /** Why Hydra would not count the row as a consent session, or empty when it does. */
    static Optional<String> notASession(HydraV1Source.ConsentRow row) {
        if (isError(row.error())) {
            return Optional.of("rejected by the consent app");
        }
        if (!row.wasUsed()) {
            return Optional.of("never finished (the consent verifier was not used)");
        }
        if (row.skip()) {
            return Optional.of("itself skipped because of an earlier remembered consent");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException naming the column that cannot be read */
    Flow toFlow(HydraV1Source.ConsentRow row) {
        Flow.LoginOutcome login = new Flow.LoginOutcome(row.subject(), row.loginRemember(), row.loginRememberFor(),
                blankToNull(row.acr()), null, object(row.context(), "context"), blankToNull(row.forcedSubject()), null,
                row.authenticatedAt());
        Flow.ConsentOutcome consent = new Flow.ConsentOutcome(row.grantedScope(), row.grantedAudience(),
                row.remember(), row.rememberFor(), object(row.sessionAccessToken(), "session_access_token"),
                object(row.sessionIdToken(), "session_id_token"), null, row.handledAt());
        // A used flow's login verifier can never be presented again; Hydra keeps it in another table, so a fresh
        // random one keeps the column unique. The login challenge may have been deleted by Hydra's janitor.
        String loginChallenge = row.loginChallenge() == null || row.loginChallenge().isEmpty() ? row.challenge()
                : row.loginChallenge();
        return new Flow(FlowState.CONSENT_USED, loginChallenge, randomHex(), null, row.requestUrl(), row.clientId(),
                row.requestedScope(), row.requestedAudience(), object(row.oidcContext(), "oidc_context"), false,
                row.subject(), blankToNull(row.loginSessionId()), row.requestedAt(), row.authenticatedAt(), login,
                row.challenge(), row.verifier(), row.csrf(), false, row.requestedAt(), consent);
    }

    /** The login session the consent was given in, if Hydra still has it (the {@code sid} of its ID tokens). */
    static Optional<LoginSession> loginSession(HydraV1Source.ConsentRow row) {
        HydraV1Source.LoginSessionRow s = row.loginSession();
        return s == null ? Optional.empty()
                : Optional.of(new LoginSession(s.id(), s.subject(), s.authenticatedAt(), s.remember()));
    }

    /** Hydra writes {@code {}} (or nothing) when the request was not rejected. */
    private static boolean isError(String error) {
        if (error == null) {
            return false;
        }
        String trimmed = error.trim();
        return !(trimmed.isEmpty() || trimmed.equals("{}") || trimmed.equals("null"));
    }

    private Map<String, Object> object(String text, String column) {
        if (text == null || text.isBlank() || text.trim().equals("null")) {
            return Map.of();
        }
        try {
            Map<String, Object> value = json.readValue(text, OBJECT);
            return value == null ? Map.of() : value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("column " + column + " is not a JSON object");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private String randomHex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
