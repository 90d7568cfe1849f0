package org.openauthz.authz.persistence;

import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.oauth2.token.TokenStore;

/**
 * A client store and a token store over one backend, so that contract tests can check what crosses tables (a client's
 * deletion reaching its tokens, tokens needing their client), and a second token store over the same backend: what
 * another replica of the server sees.
 */
record ClientAndTokenStores(ClientStore clients, TokenStore tokens, TokenStore replica) {
}
