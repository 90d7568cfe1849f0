package org.openauthz.loginconsent.identity;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which of a user's claims go into the ID token, by granted scope, as OpenID Connect Core 1.0 §5.4 defines
 * (https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims): {@code email} releases {@code email} and
 * {@code email_verified}, {@code profile} the profile claims, and so on. A person who unticks "email" on the consent
 * page must not find their email in the token anyway. Claims that no standard scope covers (custom claims from the
 * users file) are always released.
 */
public final class ReleasedClaims {
    private static final Map<String, String> SCOPE_OF_CLAIM = scopeOfClaim();

    private ReleasedClaims() {
    }

    public static Map<String, Object> of(User user, Collection<String> grantedScopes) {
        Set<String> granted = Set.copyOf(grantedScopes);
        Map<String, Object> released = new LinkedHashMap<>();
        user.idTokenClaims().forEach((claim, value) -> {
            String scope = SCOPE_OF_CLAIM.get(claim);
            if (scope == null || granted.contains(scope)) {
                released.put(claim, value);
            }
        });
        return released;
    }

    private static Map<String, String> scopeOfClaim() {
        Map<String, String> scopes = new LinkedHashMap<>();
        for (String claim : new String[] {"name", "family_name", "given_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "updated_at"}) {
            scopes.put(claim, "profile");
        }
        scopes.put("email", "email");
        scopes.put("email_verified", "email");
        scopes.put("address", "address");
        scopes.put("phone_number", "phone");
        scopes.put("phone_number_verified", "phone");
        return Map.copyOf(scopes);
    }
}
