package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.SecretHasher;
import org.openauthz.authz.client.SecretVerifier;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Client authentication at the token endpoint (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3">RFC 6749
 * §2.3</a>).
 */
class ClientAuthenticatorTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());
    private final InMemoryClientStore store = new InMemoryClientStore(new InMemoryDatabase());
    private final OAuth2Client jwtClient = client("jwt-client", "private_key_jwt");
    private final ClientAuthenticator authenticator = new ClientAuthenticator(store::find,
            new org.openauthz.authz.client.ClientSecretCheck(new SecretVerifier(hasher, new SecureRandom()),
                    java.time.Clock.systemUTC()), (assertion, form) -> {
                if (!"good-assertion".equals(assertion)) {
                    throw OAuth2Error.INVALID_CLIENT.withHint("bad assertion").toException();
                }
                return jwtClient;
            });

    ClientAuthenticatorTest() {
        store.create(new StoredClient(client("basic-client", "client_secret_basic"), hasher.hash("basic-secret")));
        store.create(new StoredClient(client("post-client", "client_secret_post"), hasher.hash("post-secret")));
        store.create(new StoredClient(client("public-client", "none"), null));
        store.create(new StoredClient(client("odd:id+&", "client_secret_basic"), hasher.hash("odd:secret%+")));
    }

    private static OAuth2Client client(String id, String method) {
        return new OAuth2Client.Builder().clientId(id).tokenEndpointAuthMethod(method)
                .createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build();
    }

    @Test
    void whenBasicHeaderIsUrlEncodedThenIdAndSecretAreDecoded() {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64, so ':' and '%' survive.
        String[] credentials = ClientAuthenticator.parseBasic(basic("my:client%id", "p%ss:w+rd"));

        assertThat(credentials).containsExactly("my:client%id", "p%ss:w+rd");
    }

    @Test
    void whenBasicHeaderIsNotEncodedThenFirstColonSeparatesIdFromSecret() {
        String header = "Basic " + Base64.getEncoder().encodeToString("id:sec:ret".getBytes(StandardCharsets.UTF_8));

        assertThat(ClientAuthenticator.parseBasic(header)).containsExactly("id", "sec:ret");
    }

    @Test
    void whenSchemeIsLowerCaseThenStillBasic() {
        // RFC 7235 §2.1: the auth-scheme is case-insensitive.
        assertThat(ClientAuthenticator.parseBasic(basic("id", "secret").replace("Basic", "basic")))
                .containsExactly("id", "secret");
    }

    @Test
    void whenSecretIsEmptyThenParsedAsEmpty() {
        assertThat(ClientAuthenticator.parseBasic(basic("id", ""))).containsExactly("id", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Basic !!!not-base64!!!",
            "Basic",
            "Basic ",
            "Bearer aWQ6c2VjcmV0",
            "aWQ6c2VjcmV0",
            "Basic bm8tY29sb24=",
            "Basic OnNlY3JldA==",
            "Basic aWQlOnNlY3JldA==",
            "Digest username=\"id\"",
    })
    void whenBasicHeaderIsMalformedThenInvalidRequest(String header) {
        // "no-colon", ":secret" (empty id) and "id%:secret" (broken percent-encoding) are among these.
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> ClientAuthenticator.parseBasic(header));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("could not be parsed");
    }

    @Test
    void whenBasicCredentialsAreRightThenTheClientIsReturned() {
        assertThat(authenticator.authenticate(basic("basic-client", "basic-secret"), form()).clientId())
                .isEqualTo("basic-client");
    }

    @Test
    void whenIdAndSecretNeedEncodingThenBasicStillAuthenticates() {
        assertThat(authenticator.authenticate(basic("odd:id+&", "odd:secret%+"), form()).clientId())
                .isEqualTo("odd:id+&");
    }

    @Test
    void whenPostCredentialsAreRightThenTheClientIsReturned() {
        OAuth2Client client = authenticator.authenticate(null,
                form("client_id", "post-client", "client_secret", "post-secret"));

        assertThat(client.clientId()).isEqualTo("post-client");
    }

    @Test
    void whenPublicClientSendsOnlyItsIdThenTheClientIsReturned() {
        // Method none (a public client) means only client_id in the form.
        assertThat(authenticator.authenticate(null, form("client_id", "public-client")).clientId())
                .isEqualTo("public-client");
    }

    @Test
    void whenBodyClientIdMatchesTheBasicOneThenAccepted() {
        assertThat(authenticator.authenticate(basic("basic-client", "basic-secret"),
                form("client_id", "basic-client")).clientId()).isEqualTo("basic-client");
    }

    @Test
    void whenBodyClientIdDiffersFromTheBasicOneThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("basic-client", "basic-secret"), form("client_id", "post-client")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenBasicAndPostSecretAreBothSentThenInvalidRequest() {
        // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("basic-client", "basic-secret"),
                form("client_id", "basic-client", "client_secret", "basic-secret")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("more than one authentication method");
    }

    @Test
    void whenAssertionIsSentWithBasicThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("basic-client", "basic-secret"),
                form("client_assertion_type", ASSERTION_TYPE, "client_assertion", "good-assertion")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenAssertionIsSentWithPostSecretThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("client_assertion_type", ASSERTION_TYPE, "client_assertion", "good-assertion",
                        "client_secret", "x")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenJwtBearerAssertionIsSentThenTheAssertionAuthenticatorDecides() {
        // RFC 7523 §2.2 client assertions are checked by their own authenticator.
        assertThat(authenticator.authenticate(null, form("client_assertion_type", ASSERTION_TYPE,
                "client_assertion", "good-assertion")).clientId()).isEqualTo("jwt-client");
    }

    @Test
    void whenAssertionTypeIsUnknownThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("client_assertion_type", "urn:example:saml", "client_assertion", "good-assertion")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("urn:example:saml");
    }

    @Test
    void whenAssertionTypeComesWithoutAssertionThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("client_assertion_type", ASSERTION_TYPE)));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("client_assertion");
    }

    @Test
    void whenBasicClientUsesPostThenInvalidClientNamesBothMethods() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("client_id", "basic-client", "client_secret", "basic-secret")));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().status()).isEqualTo(401);
        assertThat(e.error().hint()).contains("'client_secret_basic'").contains("'client_secret_post'");
    }

    @Test
    void whenPostClientUsesBasicThenInvalidClientNamesBothMethods() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("post-client", "post-secret"), form()));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().hint()).contains("'client_secret_post'").contains("'client_secret_basic'");
    }

    @Test
    void whenConfidentialClientSendsNoSecretThenInvalidClientNamesMethodNone() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("client_id", "basic-client")));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().hint()).contains("'client_secret_basic'").contains("'none'");
    }

    @Test
    void whenPublicClientSendsASecretThenInvalidClient() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("public-client", "anything"), form()));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().hint()).contains("'none'").contains("'client_secret_basic'");
    }

    @Test
    void whenSecretIsWrongThenInvalidClient401() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(
                basic("basic-client", "wrong-secret"), form()));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().status()).isEqualTo(401);
    }

    @Test
    void whenClientIsUnknownThenInvalidClient401WhateverTheMethod() {
        List<Runnable> attempts = List.of(
                () -> authenticator.authenticate(basic("ghost", "secret"), form()),
                () -> authenticator.authenticate(null, form("client_id", "ghost", "client_secret", "secret")),
                () -> authenticator.authenticate(null, form("client_id", "ghost")));

        for (Runnable attempt : attempts) {
            OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, attempt::run);
            assertThat(e.error().error()).isEqualTo("invalid_client");
            assertThat(e.error().status()).isEqualTo(401);
            assertThat(e.error().hint()).contains("does not exist");
        }
    }

    @Test
    void whenNoAuthenticationAtAllThenInvalidClient() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> authenticator.authenticate(null,
                form("grant_type", "client_credentials")));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().hint()).contains("Client authentication is missing");
    }

    @Test
    void whenAuthorizationHeaderIsBlankThenTheBodyIsUsed() {
        assertThat(authenticator.authenticate("  ", form("client_id", "public-client")).clientId())
                .isEqualTo("public-client");
    }

    static String basic(String id, String secret) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.UTF_8));
    }

    static FormParameters form(String... pairs) {
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], List.of(pairs[i + 1]));
        }
        return new FormParameters(values);
    }
}
