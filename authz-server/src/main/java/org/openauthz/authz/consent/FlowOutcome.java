package org.openauthz.authz.consent;

import java.util.List;

/** What {@link ConsentStrategy} decided for one visit to {@code /oauth2/auth}. */
public sealed interface FlowOutcome {
    List<SessionCookies.CookieChange> cookies();

    /** Send the browser to the login or consent UI. */
    record Redirect(String location, List<SessionCookies.CookieChange> cookies) implements FlowOutcome {
    }

    /** Login and consent are done: issue the authorization response for this flow. */
    record Authorized(Flow flow, List<SessionCookies.CookieChange> cookies) implements FlowOutcome {
    }
}
