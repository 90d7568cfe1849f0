package org.openauthz.authz.oauth2;

import java.util.ArrayList;
import java.util.List;

/**
 * The grant types this server supports, read from the registered {@link GrantHandler}s, so that discovery's
 * {@code grant_types_supported} (<a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>) and
 * client registration always agree with what the token endpoint handles: adding a grant is one handler class and
 * one registration line in {@code ServerContext}.
 */
public final class GrantTypes {
    /** The code grant, whose code the authorization endpoint issues. */
    static final String AUTHORIZATION_CODE = "authorization_code";
    /**
     * The implicit grant has no token endpoint handler: the authorization endpoint issues its tokens itself
     * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.2">RFC 6749 §4.2</a>). Clients register it all
     * the same to be allowed the {@code token} and {@code id_token} response types.
     */
    public static final String IMPLICIT = "implicit";

    private final List<String> all;

    /**
     * The handlers' grant types in their order, with {@code implicit} right after {@code authorization_code}: the
     * two grants of the authorization endpoint, in the order of RFC 6749 §4.1 and §4.2 (and of Hydra's discovery).
     */
    public GrantTypes(List<GrantHandler> handlers) {
        List<String> types = new ArrayList<>();
        for (GrantHandler handler : handlers) {
            types.add(handler.grantType());
            if (handler.grantType().equals(AUTHORIZATION_CODE)) {
                types.add(IMPLICIT);
            }
        }
        if (!types.contains(IMPLICIT)) {
            types.add(IMPLICIT);
        }
        this.all = List.copyOf(types);
    }

    /** Every supported grant type, in the order discovery lists them. */
    public List<String> all() {
        return all;
    }
}
