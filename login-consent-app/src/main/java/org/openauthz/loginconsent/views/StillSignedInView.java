package org.openauthz.loginconsent.views;

import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.admin.client.model.OAuth2Client;

/**
 * After "No" on the logout page. Hydra v1.10 answers a rejected logout with 204 and no {@code redirect_to}, so the
 * browser stays with us; Hydra's reference app then sends it to its own home page. We say plainly that the person is
 * still signed in and, when the client that asked registered a home page ({@code client_uri}), link back to it. Not
 * to the {@code post_logout_redirect_uri}: that URI is where a client expects the browser "after a logout has been
 * performed" (OpenID Connect RP-Initiated Logout 1.0, §2,
 * https://openid.net/specs/openid-connect-rpinitiated-1_0.html), and no logout was.
 */
public final class StillSignedInView extends Page {
    private final String clientName;
    private final String clientUri;

    private StillSignedInView(String clientName, String clientUri) {
        super("still-signed-in.mustache", "You are still signed in");
        this.clientName = clientName;
        this.clientUri = clientUri;
    }

    public static StillSignedInView of(LogoutRequest request) {
        OAuth2Client client = request.getClient();
        String name = LogoutView.clientNameOrNull(client);
        return new StillSignedInView(name, name == null ? null : ConsentView.webUrlOrNull(client.getClientUri()));
    }

    public boolean isHasClient() {
        return clientName != null;
    }

    public String getClientName() {
        return clientName;
    }

    public boolean isHasClientUri() {
        return clientUri != null;
    }

    public String getClientUri() {
        return clientUri;
    }
}
