package org.openauthz.authz.consent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser cookies of the login and consent flow: the authentication session and the two CSRF
 * cookies, named as in Hydra v1.10 with an {@code _insecure} suffix when the public port has no TLS. Values are
 * {@code base64url(value).base64url(HMAC-SHA256(name|value))} under the cookie secret, so a browser cannot forge a
 * session id; the first secret signs, every secret verifies (rotation).
 */
public final class SessionCookies {
    public static final String SESSION = "oauth2_authentication_session";
    public static final String LOGIN_CSRF = "oauth2_authentication_csrf";
    public static final String CONSENT_CSRF = "oauth2_consent_csrf";
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    /** Suffix of the copy without {@code SameSite} that the legacy workaround sets beside each cookie. */
    public static final String LEGACY_SUFFIX = "_legacy";

    private final List<SecretKeySpec> keys;
    private final boolean secure;
    private final boolean readLegacyCopies;

    /** A cookie to set ({@code maxAge} null: until the browser closes; zero: delete). */
    public record CookieChange(String name, String value, Duration maxAge) {
    }

    public SessionCookies(List<byte[]> secretKeys, boolean secure) {
        this(secretKeys, secure, false);
    }

    /**
     * @param readLegacyCopies also accept the {@code <name>_legacy} copy when the cookie itself is missing
     *                         ({@code serve.cookies.same_site_legacy_workaround}: browsers that do not know
     *                         {@code SameSite=None} drop the cookie that carries it and keep only the copy)
     */
    public SessionCookies(List<byte[]> secretKeys, boolean secure, boolean readLegacyCopies) {
        this.keys = secretKeys.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
        this.secure = secure;
        this.readLegacyCopies = readLegacyCopies;
    }

    public boolean secure() {
        return secure;
    }

    public String name(String base) {
        return secure ? base : base + "_insecure";
    }

    public CookieChange set(String base, String value, Duration maxAge) {
        String name = name(base);
        String payload = ENC.encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return new CookieChange(name, payload + "." + ENC.encodeToString(mac(keys.get(0), name, payload)), maxAge);
    }

    public CookieChange delete(String base) {
        return new CookieChange(name(base), "", Duration.ZERO);
    }

    /**
     * The verified value of a cookie, empty when absent or forged. The legacy copy (when read) carries the same
     * value, signed under the cookie's own name.
     */
    public Optional<String> read(Map<String, String> cookies, String base) {
        String name = name(base);
        String raw = cookies.get(name);
        if (raw == null && readLegacyCopies) {
            raw = cookies.get(name + LEGACY_SUFFIX);
        }
        if (raw == null) {
            return Optional.empty();
        }
        int dot = raw.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = raw.substring(0, dot);
        byte[] presented;
        try {
            presented = DEC.decode(raw.substring(dot + 1));
            for (SecretKeySpec key : keys) {
                if (MessageDigest.isEqual(mac(key, name, payload), presented)) {
                    return Optional.of(new String(DEC.decode(payload), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static byte[] mac(SecretKeySpec key, String name, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((name + "|" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
