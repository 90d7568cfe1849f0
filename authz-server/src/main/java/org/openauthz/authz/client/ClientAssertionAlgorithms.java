package org.openauthz.authz.client;

import java.util.List;

/**
 * The JWS algorithms a client may register as {@code token_endpoint_auth_signing_alg} (and
 * {@code request_object_signing_alg}), and so the ones {@code private_key_jwt} assertions are verified with:
 * RSA, RSA-PSS and ECDSA at 256, 384 and 512 bits, as in Hydra v1.10. No HMAC: {@code client_secret_jwt} is not
 * supported (<a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 §2.2</a>).
 */
public final class ClientAssertionAlgorithms {
    /** In the order discovery lists them (RS256 first: the default when a client registers none). */
    public static final List<String> SUPPORTED = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    private ClientAssertionAlgorithms() {
    }
}
