package org.openauthz.loginconsent.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.openauthz.loginconsent.views.HomeView;

/**
 * {@code GET /}: a landing page like that of Hydra's reference app (ory/hydra-login-consent-node), with pointers to the
 * documentation.
 */
@Path("/")
@Produces("text/html;charset=UTF-8")
public final class HomeResource {
    private final boolean demoUsers;

    public HomeResource(boolean demoUsers) {
        this.demoUsers = demoUsers;
    }

    @GET
    public HomeView home() {
        return new HomeView(demoUsers);
    }
}
