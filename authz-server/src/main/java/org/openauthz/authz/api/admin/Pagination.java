package org.openauthz.authz.api.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.ArrayList;
import java.util.List;

/**
 * Hydra v1.10's offset paging: {@code limit} (default 100, at most 500) and {@code offset}, answered
 * with {@code X-Total-Count} and a {@code Link} header with first/next/prev/last relations
 * (<a href="https://www.rfc-editor.org/rfc/rfc8288">RFC 8288</a>).
 */
public record Pagination(int limit, int offset) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    public static Pagination parse(String limit, String offset) {
        int l = number("limit", limit, DEFAULT_LIMIT);
        int o = number("offset", offset, 0);
        return new Pagination(Math.min(l == 0 ? DEFAULT_LIMIT : l, MAX_LIMIT), o);
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter '" + name
                    + "' must be a non-negative whole number.").toException();
        }
    }

    public Response.ResponseBuilder headers(Response.ResponseBuilder builder, UriInfo uri, long total) {
        List<String> links = new ArrayList<>();
        links.add(link(uri, 0, "first"));
        if (offset + limit < total) {
            links.add(link(uri, offset + limit, "next"));
        }
        if (offset > 0) {
            links.add(link(uri, Math.max(0, offset - limit), "prev"));
        }
        long lastOffset = total == 0 ? 0 : ((total - 1) / limit) * limit;
        links.add(link(uri, lastOffset, "last"));
        return builder.header("X-Total-Count", total).header("Link", String.join(",", links));
    }

    private String link(UriInfo uri, long linkOffset, String rel) {
        String path = uri.getRequestUriBuilder().replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", linkOffset).build().getRawPath();
        String query = uri.getRequestUriBuilder().replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", linkOffset).build().getRawQuery();
        return "<" + path + "?" + query + ">; rel=\"" + rel + "\"";
    }
}
