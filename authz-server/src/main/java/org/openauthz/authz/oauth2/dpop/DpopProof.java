package org.openauthz.authz.oauth2.dpop;

/**
 * A verified DPoP proof (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a>): what the
 * rest of the server needs of it is the key, as its JWK SHA-256 thumbprint (RFC 7638), base64url.
 */
public record DpopProof(String jkt) {
}
