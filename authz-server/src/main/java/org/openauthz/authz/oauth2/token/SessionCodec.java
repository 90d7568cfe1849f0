package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.crypto.AeadCipher;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@link TokenSession}s into {@code session_data} and back, sealed with AES-GCM when
 * {@code oauth2.session.encrypt_at_rest} is on (docs/configuration.md). Plain JSON is accepted on read either way, so
 * the setting can be toggled on a live database.
 */
public final class SessionCodec {
    /** Codes are redeemed within a second of being issued; past this many the memory is simply emptied. */
    private static final int MAX_RECENT = 2048;

    private final ObjectMapper json;
    private final AeadCipher cipher;
    private final boolean encrypt;
    /**
     * Sessions this codec recently encoded, by their exact text: a code's session is read back at its redemption
     * moments later, usually by this server, and an identical text then costs a map lookup instead of AES-GCM and a
     * parse. Only for identical text, so a row written elsewhere is decoded as before.
     */
    private final ConcurrentHashMap<String, TokenSession> recent = new ConcurrentHashMap<>();

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
            String data = encrypt ? cipher.encrypt(plain) : plain;
            if (recent.size() >= MAX_RECENT) {
                recent.clear();
            }
            recent.put(data, session);
            return data;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token session is not serializable", e);
        }
    }

    public TokenSession decode(String data) {
        if (data == null || data.isEmpty()) {
            return TokenSession.empty();
        }
        TokenSession known = recent.remove(data);
        if (known != null) {
            return known;
        }
        try {
            String plain = data.startsWith("{") ? data : cipher.decryptToString(data);
            return json.readValue(plain, TokenSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored token session is not valid JSON", e);
        }
    }
}
