package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.consent.Flow;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows this server last wrote or read, with their exact stored text, by each of their challenges and verifiers:
 * what {@link JdbiFlowStore#step} answers a step's reads with instead of a database round trip (decision 0029). Only a
 * hint: a flow another replica changed since is caught by the write, which is conditional on the stored text.
 */
final class RecentFlows {
    /** Sign-ins in progress on one server are a few hundred, each under four keys; past this the map is emptied. */
    private static final int MAX_ENTRIES = 8192;

    /** A flow and the text it is stored as. */
    record Known(Flow flow, String text) {
    }

    private final ConcurrentHashMap<String, Known> byKey = new ConcurrentHashMap<>();

    void remember(Flow flow, String text) {
        if (byKey.size() >= MAX_ENTRIES) {
            byKey.clear();
        }
        Known known = new Known(flow, text);
        put("login_challenge", flow.loginChallenge(), known);
        put("login_verifier", flow.loginVerifier(), known);
        put("consent_challenge", flow.consentChallenge(), known);
        put("consent_verifier", flow.consentVerifier(), known);
    }

    Known find(String column, String value) {
        return value == null ? null : byKey.get(key(column, value));
    }

    /** The text this server last wrote or read for the flow with this login challenge, or null. */
    String latestText(String loginChallenge) {
        Known known = find("login_challenge", loginChallenge);
        return known == null ? null : known.text();
    }

    private void put(String column, String value, Known known) {
        if (value != null) {
            byKey.put(key(column, value), known);
        }
    }

    private static String key(String column, String value) {
        return column + ':' + value;
    }
}
