package org.openauthz.authz.client;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The registration rules for the sector a pairwise {@code sub} is computed for
 * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#PairwiseAlg">OpenID Connect Core §8.1</a>):
 * <ul>
 *   <li>a registered {@code sector_identifier_uri} is fetched and must list every redirect URI of the client
 *   (<a href="https://openid.net/specs/openid-connect-registration-1_0.html#SectorIdentifierValidation">OpenID
 *   Connect Registration §5</a>); Hydra checks this for every client that sets the field, so do we;</li>
 *   <li>a pairwise client without one must keep all its redirect URIs on one host, since "if there are multiple
 *   hostnames in the registered redirect_uris, the Client MUST register a sector_identifier_uri" (§8.1).</li>
 * </ul>
 * Failures are {@code invalid_client_metadata} (400).
 */
final class SectorIdentifierCheck {
    private final Function<URI, List<String>> documents;

    /** {@code documents}: fetches a sector identifier document (see {@link SectorIdentifierFetcher}). */
    SectorIdentifierCheck(Function<URI, List<String>> documents) {
        this.documents = documents;
    }

    /** {@code client}: already validated otherwise (URLs parse, defaults filled in). */
    void check(OAuth2Client client) {
        List<String> redirectUris = client.redirectUris() == null ? List.of() : client.redirectUris();
        String sector = client.sectorIdentifierUri();
        if (sector != null && !sector.isBlank()) {
            List<String> listed = documents.apply(URI.create(sector));
            for (String redirectUri : redirectUris) {
                if (!listed.contains(redirectUri)) {
                    throw invalid("Redirect URI '" + redirectUri + "' is not listed in the JSON array of the "
                            + "sector_identifier_uri '" + sector + "' (OpenID Connect Registration 1.0 §5).");
                }
            }
        } else if ("pairwise".equals(client.subjectType())) {
            requireOneHost(redirectUris);
        }
    }

    private static void requireOneHost(List<String> redirectUris) {
        List<String> hosts = redirectUris.stream().map(URI::create).map(URI::getHost)
                .map(host -> host == null ? null : host.toLowerCase(Locale.ROOT)).distinct().toList();
        if (hosts.contains(null)) {
            throw invalid("A pairwise client without a sector_identifier_uri needs redirect URIs with a host, as the "
                    + "host is the sector its subject identifiers are computed for (OpenID Connect Core 1.0 §8.1); "
                    + "register a sector_identifier_uri.");
        }
        if (hosts.size() > 1) {
            throw invalid("The redirect URIs of this pairwise client are on several hosts (" + String.join(", ",
                    hosts.stream().filter(Objects::nonNull).toList()) + "): register a sector_identifier_uri that "
                    + "lists them all (OpenID Connect Core 1.0 §8.1).");
        }
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_CLIENT_METADATA.withHint(hint).toException();
    }
}
