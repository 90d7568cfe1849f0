package org.openauthz.loginconsent.web;

import org.openauthz.admin.client.model.RejectRequest;

/**
 * The reject body of Hydra's reference app, which the client receives as its authorization error (docs/custom-idp.md
 * §3).
 */
final class Denial {
    private Denial() {
    }

    static RejectRequest byResourceOwner() {
        return new RejectRequest().error("access_denied").errorDescription("The resource owner denied the request");
    }
}
