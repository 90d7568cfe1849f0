package org.openauthz.authz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of a UTF-8 string, as the replay stores key ids (hex) and DPoP's {@code ath} (base64url) need it. */
public final class Sha256 {
    private Sha256() {
    }

    public static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(String value) {
        return HexFormat.of().formatHex(digest(value));
    }

    /** Base64url without padding (RFC 7515 §2), as {@code ath} is (RFC 9449 §4.2). */
    public static String base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(value));
    }
}
