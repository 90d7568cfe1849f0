package org.openauthz.authz.oauth2.oidc;

import org.openauthz.authz.client.OAuth2Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code sub} a client sees (OpenID Connect Core §8): the subject itself for {@code public} clients, a
 * per-sector hash for {@code pairwise} ones (§8.1), or what the login app forced with
 * {@code force_subject_identifier}.
 */
public final class SubjectIdentifiers {
    private final String salt;

    public SubjectIdentifiers(String salt) {
        this.salt = salt == null ? "" : salt;
    }

    public String forClient(OAuth2Client client, String subject, String forced) {
        if (forced != null && !forced.isEmpty()) {
            return forced;
        }
        if (!"pairwise".equals(client.subjectType())) {
            return subject;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sectorIdentifier(client).getBytes(StandardCharsets.UTF_8));
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * §8.1: the sector identifier URI when registered, else the host[:port] of the first redirect URI (registration
     * keeps them all on one host, {@code SectorIdentifierCheck}), else the client id. As in Hydra, a registered URI
     * enters the hash whole, not only its host: that is what every pairwise {@code sub} handed out so far was computed
     * from, so it stays (decision 0014).
     */
    static String sectorIdentifier(OAuth2Client client) {
        if (client.sectorIdentifierUri() != null && !client.sectorIdentifierUri().isEmpty()) {
            return client.sectorIdentifierUri();
        }
        if (client.redirectUris() == null || client.redirectUris().isEmpty()) {
            return client.clientId();
        }
        URI uri = URI.create(client.redirectUris().get(0));
        if (uri.getHost() == null) {
            return client.clientId();
        }
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }
}
