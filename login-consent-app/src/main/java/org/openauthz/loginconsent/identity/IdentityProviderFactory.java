package org.openauthz.loginconsent.identity;

import org.openauthz.loginconsent.AppSettings;

/**
 * Makes the {@link IdentityProvider} once at startup. The default ({@link #DEFAULT}) reads {@code USERS_FILE} or
 * falls back to the demo user; pass your own to {@code LoginConsentApplication.launch} to use another user store.
 */
@FunctionalInterface
public interface IdentityProviderFactory {
    IdentityProvider create(AppSettings settings);

    IdentityProviderFactory DEFAULT = settings -> settings.usersFile()
            .<IdentityProvider>map(YamlIdentityProvider::load)
            .orElseGet(DemoIdentityProvider::new);
}
