package org.openauthz.authz.persistence;

import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.oauth2.token.TokenStore;

/**
 * A client store and a token store over one backend, so that contract tests can check what crosses tables (a client's
 * deletion reaching its tokens, tokens needing their client).
 */
record ClientAndTokenStores(ClientStore clients, TokenStore tokens) {
}
