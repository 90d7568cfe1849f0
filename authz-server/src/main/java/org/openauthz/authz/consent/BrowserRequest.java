package org.openauthz.authz.consent;

import java.util.Map;

/**
 * What the consent strategy needs from the browser's request to {@code /oauth2/auth}: its cookies and the URL the
 * login and consent apps send the browser back to (the authorization request without any verifier).
 */
public record BrowserRequest(Map<String, String> cookies, String requestUrl) {
}
