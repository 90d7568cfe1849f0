package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCodecTest {
    private static final List<String> SECRETS = List.of("a-system-secret-of-32-characters");
    private static final TokenSession SESSION = new TokenSession(
            Map.of("tenant", "acme", "level", 3, "groups", List.of("admins", "ops")),
            Map.of("email", "alice@example.com", "email_verified", true), "alice",
            Map.of(TokenSession.REDIRECT_URI, "https://app.example/cb", TokenSession.CODE_CHALLENGE, "E9Melhoa"));

    private static SessionCodec codec(boolean encrypt) {
        return new SessionCodec(new ObjectMapper(), new AeadCipher(new SystemSecrets(SECRETS), new SecureRandom()),
                encrypt);
    }

    @Test
    void whenASessionIsEncodedThenDecodingItGivesTheSameSessionHereAndOnAnotherReplica() {
        // This codec remembers what it encoded; another replica's parses the stored text. Both must agree.
        SessionCodec here = codec(true);
        String stored = here.encode(SESSION);

        assertThat(stored).doesNotContain("alice");
        assertThat(codec(true).decode(stored)).isEqualTo(SESSION);
        assertThat(here.decode(stored)).isEqualTo(SESSION);
        assertThat(here.decode(stored)).isEqualTo(SESSION);
    }

    @Test
    void whenEncryptionIsOffThenTheSessionIsStoredAsJsonAndReadBackEitherWay() {
        String stored = codec(false).encode(SESSION);

        assertThat(stored).startsWith("{").contains("alice");
        assertThat(codec(true).decode(stored)).isEqualTo(SESSION);
    }

    @Test
    void whenTheSessionIsEmptyThenItIsStoredAsAnEmptyObject() {
        assertThat(codec(true).encode(TokenSession.empty())).isEqualTo("{}");
        assertThat(codec(true).decode("{}")).isEqualTo(TokenSession.empty());
        assertThat(codec(true).decode(null)).isEqualTo(TokenSession.empty());
    }
}
