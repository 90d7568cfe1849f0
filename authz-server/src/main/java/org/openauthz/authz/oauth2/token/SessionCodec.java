package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.crypto.AeadCipher;

/**
 * Turns {@link TokenSession}s into {@code session_data} and back, sealed with AES-GCM when
 * {@code oauth2.session.encrypt_at_rest} is on (docs/configuration.md). Plain JSON is accepted on read either way, so
 * the setting can be toggled on a live database.
 */
public final class SessionCodec {
    private final ObjectMapper json;
    private final AeadCipher cipher;
    private final boolean encrypt;

    public SessionCodec(ObjectMapper json, AeadCipher cipher, boolean encrypt) {
        this.json = json;
        this.cipher = cipher;
        this.encrypt = encrypt;
    }

    public String encode(TokenSession session) {
        if (session.equals(TokenSession.empty())) {
            // Nothing to hide (client credentials); skipping JSON and AES-GCM keeps the hot path short.
            return "{}";
        }
        try {
            String plain = json.writeValueAsString(session);
            return encrypt ? cipher.encrypt(plain) : plain;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token session is not serializable", e);
        }
    }

    public TokenSession decode(String data) {
        if (data == null || data.isEmpty()) {
            return TokenSession.empty();
        }
        try {
            String plain = data.startsWith("{") ? data : cipher.decryptToString(data);
            return json.readValue(plain, TokenSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored token session is not valid JSON", e);
        }
    }
}
