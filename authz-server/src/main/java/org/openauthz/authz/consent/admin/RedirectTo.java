package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"redirect_to": ...}}: the completed request, or (with 410) a request already handled. */
public record RedirectTo(@JsonProperty("redirect_to") String redirectTo) {
}
