package org.openauthz.authz.config;

import java.util.List;
import java.util.Set;

/**
 * Binds {@code oidc.dynamic_client_registration.*}: the limits on self-registered clients, each list checked against
 * the values the server knows, so a typo stops the start instead of silently allowing nothing.
 */
final class RegistrationBinder {
    private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post",
            "private_key_jwt", "none");
    /** Below this not even a minimal registration request fits. */
    private static final int MIN_METADATA_BYTES = 1024;

    private final SettingsBinder binder;

    RegistrationBinder(SettingsBinder binder) {
        this.binder = binder;
    }

    ServerSettings.Registration bind(ServerSettings.Oidc oidc) {
        RawSettings raw = binder.raw();
        List<String> authMethods = raw.list(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS);
        List<String> unknown = authMethods.stream().filter(m -> !AUTH_METHODS.contains(m)).toList();
        if (!unknown.isEmpty()) {
            binder.problem(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS.envName()
                    + " may only contain " + String.join(", ", AUTH_METHODS.stream().sorted().toList()) + ", not "
                    + String.join(", ", unknown));
        }
        List<String> schemes = raw.list(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_REDIRECT_URI_SCHEMES);
        List<String> badSchemes = schemes.stream().filter(s -> !s.matches("[A-Za-z][A-Za-z0-9+.-]*")).toList();
        if (!badSchemes.isEmpty()) {
            binder.problem(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_REDIRECT_URI_SCHEMES.envName()
                    + " must list URI schemes such as https or com.example.app (RFC 3986 §3.1), not "
                    + String.join(", ", badSchemes));
        }
        List<String> scope = raw.list(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_SCOPE);
        if (scope.isEmpty()) {
            scope = List.of(oidc.defaultClientScope().trim().split("\\s+"));
        }
        int maxBytes = binder.integer(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_MAX_METADATA_BYTES,
                MIN_METADATA_BYTES);
        return new ServerSettings.Registration(binder.bool(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ENABLED),
                raw.list(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_GRANT_TYPES), scope, schemes,
                authMethods, maxBytes,
                binder.bool(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_INITIAL_ACCESS_TOKEN_REQUIRED));
    }
}
