package org.openauthz.cli.doctor;

import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks each registered client against RFC 9700 §2.1: no access tokens in the front channel, PKCE for public
 * clients, redirect URIs that are exact and protected by TLS; and RFC 7591's {@code client_secret_expires_at}.
 */
final class ClientChecks {
    private final boolean pkceEnforcedForPublicClients;
    private final Instant now;

    /**
     * @param pkceEnforcedForPublicClients whether the server refuses a public client's authorization request without
     *                                     PKCE ({@code oauth2.pkce.enforced} or {@code ..._for_public_clients})
     */
    ClientChecks(boolean pkceEnforcedForPublicClients, Instant now) {
        this.pkceEnforcedForPublicClients = pkceEnforcedForPublicClients;
        this.now = now;
    }

    List<Finding> check(OAuth2Client client) {
        List<Finding> findings = new ArrayList<>();
        String subject = "client:" + client.getClientId();
        List<String> grants = orEmpty(client.getGrantTypes());
        List<String> tokenResponseTypes = orEmpty(client.getResponseTypes()).stream()
                .filter(type -> Arrays.asList(type.trim().split("\\s+")).contains("token")).toList();
        // The server answers a response type holding "token" only for clients allowed the implicit grant.
        if (grants.contains("implicit") && !tokenResponseTypes.isEmpty()) {
            findings.add(new Finding(Severity.HIGH, "implicit-grant", subject, "may receive access tokens in the "
                    + "authorization response (grant type implicit, response types " + quoted(tokenResponseTypes)
                    + "), where browser history, referrers and logs can leak them", "RFC 9700 §2.1.2",
                    "move the client to the authorization code grant with PKCE: grant types authorization_code "
                            + "(and refresh_token), response type code"));
        }
        if ("none".equals(client.getTokenEndpointAuthMethod()) && grants.contains("authorization_code")
                && !pkceEnforcedForPublicClients) {
            findings.add(new Finding(Severity.HIGH, "public-client-without-pkce", subject, "is a public client "
                    + "(token_endpoint_auth_method none) and the server does not require PKCE, so a stolen "
                    + "authorization code can be redeemed by anyone", "RFC 9700 §2.1.1",
                    "set OAUTH2_PKCE_ENFORCED_FOR_PUBLIC_CLIENTS=true"));
        }
        for (String redirect : orEmpty(client.getRedirectUris())) {
            redirectUri(findings, subject, redirect);
        }
        Long expiresAt = client.getClientSecretExpiresAt();
        if (expiresAt != null && expiresAt > 0 && Instant.ofEpochSecond(expiresAt).isBefore(now)) {
            findings.add(new Finding(Severity.MEDIUM, "expired-client-secret", subject, "has a client secret "
                    + "that expired at " + Instant.ofEpochSecond(expiresAt) + ": the client can no longer "
                    + "authenticate with it", "RFC 7591 §3.2.1",
                    "hydra clients rotate-secret " + client.getClientId() + ", or delete the client if it is unused"));
        }
        return findings;
    }

    private static void redirectUri(List<Finding> findings, String subject, String redirect) {
        if (redirect.contains("*")) {
            findings.add(new Finding(Severity.MEDIUM, "wildcard-redirect-uri", subject, "has the redirect URI "
                    + redirect + ", which looks like a pattern; redirect URIs are compared as exact strings, and "
                    + "patterns are what open redirectors and code theft exploit", "RFC 9700 §2.1",
                    "register every exact redirect URI the client uses instead"));
            return;
        }
        URI uri;
        try {
            uri = new URI(redirect);
        } catch (URISyntaxException e) {
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !LoopbackHost.is(uri.getHost())) {
            findings.add(new Finding(Severity.HIGH, "insecure-redirect-uri", subject, "has the plain http redirect "
                    + "URI " + redirect + " off loopback: authorization codes and tokens sent there can be read "
                    + "on the way", "RFC 6749 §3.1.2.1", "register the https form of this redirect URI"));
        }
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(value -> "\"" + value + "\"").toList());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
