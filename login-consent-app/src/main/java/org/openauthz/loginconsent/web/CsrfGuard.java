package org.openauthz.loginconsent.web;

import jakarta.ws.rs.core.NewCookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Double-submit CSRF protection: a random token lives in an HttpOnly cookie and in a hidden form field; a POST is
 * accepted only when both are present and equal. Another site can make a browser send the cookie, but cannot read it
 * to put the same value into the form. SameSite=Lax adds a second wall in browsers that support it.
 */
public final class CsrfGuard {
    /** The cookie and field name of csurf, which Hydra's reference app uses. */
    public static final String COOKIE = "_csrf";
    public static final String FIELD = "_csrf";
    private static final int TOKEN_BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    public CsrfGuard(SecureRandom random) {
        this.random = random;
    }

    /**
     * The token for a page about to be rendered: the browser's current one if it has a valid one (so that two tabs
     * keep working), else a new one.
     */
    public String tokenFor(String cookieValue) {
        if (cookieValue != null && WELL_FORMED.matcher(cookieValue).matches()) {
            return cookieValue;
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the cookie and the form field carry the same well-formed token; compared in constant time. */
    public boolean matches(String cookieValue, String formValue) {
        if (cookieValue == null || formValue == null || !WELL_FORMED.matcher(cookieValue).matches()) {
            return false;
        }
        return MessageDigest.isEqual(cookieValue.getBytes(StandardCharsets.US_ASCII),
                formValue.getBytes(StandardCharsets.US_ASCII));
    }

    /** A session cookie (no Max-Age): it goes away with the browser, as the flow it protects does. */
    public NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE)
                .value(token)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
