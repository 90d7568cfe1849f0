package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.consent.SessionCookies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the login and consent flow's cookies as Hydra v1.10 sets them: path {@code /}, HttpOnly, Secure unless the
 * name ends in {@code _insecure}, SameSite from {@code serve.cookies.same_site_mode}. With
 * {@code serve.cookies.same_site_legacy_workaround} and {@code SameSite=None}, each cookie also goes out as
 * {@code <name>_legacy} without SameSite: some older browsers reject or mistreat {@code None}
 * (<a href="https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-8.8">RFC 6265bis §8.8</a>)
 * and keep only the copy, which {@link SessionCookies} then reads.
 */
public final class FlowCookieWriter {
    private final NewCookie.SameSite sameSite;
    private final boolean legacyCopies;

    public FlowCookieWriter(String sameSiteMode, boolean legacyCopies) {
        this.sameSite = NewCookie.SameSite.valueOf(sameSiteMode.toUpperCase(Locale.ROOT));
        this.legacyCopies = legacyCopies;
    }

    /** Adds every change (and its legacy copy, when set) to the response. */
    public Response.ResponseBuilder write(Response.ResponseBuilder response,
                                          List<SessionCookies.CookieChange> changes) {
        cookies(changes).forEach(response::cookie);
        return response;
    }

    /** The same cookies as {@code Set-Cookie} header values, formatted as Jersey formats them, for servlets. */
    public List<String> headerValues(List<SessionCookies.CookieChange> changes) {
        return cookies(changes).stream().map(NewCookie::toString).toList();
    }

    private List<NewCookie> cookies(List<SessionCookies.CookieChange> changes) {
        List<NewCookie> out = new ArrayList<>(legacyCopies ? 2 * changes.size() : changes.size());
        for (SessionCookies.CookieChange change : changes) {
            out.add(cookie(change.name(), change, sameSite));
            if (legacyCopies) {
                out.add(cookie(change.name() + SessionCookies.LEGACY_SUFFIX, change, null));
            }
        }
        return out;
    }

    private static NewCookie cookie(String name, SessionCookies.CookieChange change, NewCookie.SameSite sameSite) {
        NewCookie.Builder builder = new NewCookie.Builder(name).value(change.value()).path("/")
                .httpOnly(true).secure(!change.name().endsWith("_insecure")).sameSite(sameSite);
        if (change.maxAge() != null) {
            builder.maxAge((int) Math.min(Integer.MAX_VALUE, change.maxAge().getSeconds()));
        }
        return builder.build();
    }
}
