package org.openauthz.authz.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Client metadata validation and Hydra v1.10's defaults (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC
 * 7591 §2</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>: bad metadata is
 * {@code invalid_client_metadata}).
 */
class ClientValidatorTest {
    private static final String DEFAULT_SCOPE = "offline_access offline openid";
    /** The grant types of the server's handlers, as {@code oauth2.GrantTypes} lists them. */
    static final List<String> GRANT_TYPES = List.of("authorization_code", "implicit", "client_credentials",
            "refresh_token");

    private final ClientValidator validator = new ClientValidator(List.of("public"), DEFAULT_SCOPE, GRANT_TYPES);

    private static OAuth2Client.Builder client() {
        return new OAuth2Client.Builder().clientId("app").redirectUris(List.of("https://app.example/cb"));
    }

    @Test
    void whenMinimalClientThenHydraDefaultsAreFilledIn() {
        OAuth2Client out = validator.validate(new OAuth2Client.Builder().build());

        assertThat(out.clientId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(out.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
        assertThat(out.scope()).isEqualTo(DEFAULT_SCOPE);
        assertThat(out.subjectType()).isEqualTo("public");
        assertThat(out.userinfoSignedResponseAlg()).isEqualTo("none");
        assertThat(out.metadata()).isEqualTo(JsonNodeFactory.instance.objectNode());
        assertThat(out.clientSecretExpiresAt()).isZero();
        assertThat(out.redirectUris()).isEmpty();
        assertThat(out.grantTypes()).isEmpty();
        assertThat(out.responseTypes()).isEmpty();
        assertThat(out.audience()).isEmpty();
        assertThat(out.allowedCorsOrigins()).isEmpty();
        assertThat(out.contacts()).isEmpty();
        assertThat(out.clientName()).isEmpty();
        assertThat(out.owner()).isEmpty();
        assertThat(out.policyUri()).isEmpty();
        assertThat(out.requestUris()).isNull();
        assertThat(out.postLogoutRedirectUris()).isNull();
    }

    @Test
    void whenEmptyClientIdThenOneIsGenerated() {
        assertThat(validator.validate(client().clientId("").build()).clientId()).hasSize(36);
    }

    @Test
    void whenTwoClientsAreCreatedWithoutIdsThenTheirIdsDiffer() {
        OAuth2Client empty = new OAuth2Client.Builder().build();

        assertThat(validator.validate(empty).clientId()).isNotEqualTo(validator.validate(empty).clientId());
    }

    @Test
    void whenValuesAreGivenThenTheyAreKept() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("team", "payments");
        OAuth2Client in = client()
                .clientName("App")
                .tokenEndpointAuthMethod("client_secret_post")
                .scope("  openid   photos.read ")
                .grantTypes(List.of("authorization_code", "refresh_token"))
                .responseTypes(List.of("code", "code id_token"))
                .audience(List.of("https://api.example/"))
                .allowedCorsOrigins(List.of("https://app.example", "http://localhost:3000"))
                .postLogoutRedirectUris(List.of("https://app.example/bye"))
                .metadata(metadata)
                .build();

        OAuth2Client out = validator.validate(in);

        assertThat(out.clientId()).isEqualTo("app");
        assertThat(out.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
        assertThat(out.scope()).isEqualTo("openid photos.read");
        assertThat(out.grantTypes()).containsExactly("authorization_code", "refresh_token");
        assertThat(out.responseTypes()).containsExactly("code", "code id_token");
        assertThat(out.audience()).containsExactly("https://api.example/");
        assertThat(out.allowedCorsOrigins()).containsExactly("https://app.example", "http://localhost:3000");
        assertThat(out.postLogoutRedirectUris()).containsExactly("https://app.example/bye");
        assertThat(out.metadata()).isEqualTo(metadata);
    }

    @Test
    void whenCorsOriginHasATrailingSlashThenItIsStoredAsTheBareOriginAsInHydra() {
        OAuth2Client out = validator.validate(client().allowedCorsOrigins(List.of("https://app.example/")).build());

        assertThat(out.allowedCorsOrigins()).containsExactly("https://app.example");
    }

    @Test
    void whenRedirectUriHasCustomSchemeThenAccepted() {
        // Native apps use private-use URI schemes (RFC 8252 §7.1).
        OAuth2Client out = validator.validate(client().redirectUris(List.of("com.example.app:/callback")).build());

        assertThat(out.redirectUris()).containsExactly("com.example.app:/callback");
    }

    @Test
    void whenPublicClientThenAccepted() {
        assertThat(validator.validate(client().tokenEndpointAuthMethod("none").build()).isPublic()).isTrue();
    }

    @Test
    void whenPrivateKeyJwtHasJwksUriThenAccepted() {
        OAuth2Client out = validator.validate(client().tokenEndpointAuthMethod("private_key_jwt")
                .jwksUri("https://app.example/jwks.json").tokenEndpointAuthSigningAlg("RS256").build());

        assertThat(out.tokenEndpointAuthSigningAlg()).isEqualTo("RS256");
    }

    @Test
    void whenEveryGrantTypeOfTheServerIsRegisteredThenAccepted() {
        assertThat(validator.validate(client().grantTypes(GRANT_TYPES).build()).grantTypes())
                .containsExactlyElementsOf(GRANT_TYPES);
    }

    @Test
    void whenGrantTypeHasNoHandlerThenRefusedNamingTheSupportedOnes() {
        // RFC 7523's JWT bearer grant has no handler here: a client registered for it could never use it.
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> validator.validate(
                client().grantTypes(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer")).build()));

        assertThat(e.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(e.error().hint()).isEqualTo("Grant type 'urn:ietf:params:oauth:grant-type:jwt-bearer' is not "
                + "supported; use authorization_code, implicit, client_credentials or refresh_token.");
    }

    @Test
    void whenSubjectTypeIsPairwiseAndTheServerSupportsItThenAccepted() {
        ClientValidator pairwise = new ClientValidator(List.of("public", "pairwise"), DEFAULT_SCOPE,
                GRANT_TYPES);

        assertThat(pairwise.validate(client().subjectType("pairwise").build()).subjectType()).isEqualTo("pairwise");
    }

    /** A validator whose sector identifier documents all list {@code listed}; counts the fetches. */
    private static ClientValidator pairwiseWithSectorDocument(List<String> listed, List<URI> fetched) {
        return new ClientValidator(List.of("public", "pairwise"), DEFAULT_SCOPE, GRANT_TYPES, uri -> {
            fetched.add(uri);
            return listed;
        });
    }

    @Test
    void whenTheSectorDocumentListsEveryRedirectUriThenThePairwiseClientIsAccepted() {
        List<URI> fetched = new ArrayList<>();
        ClientValidator validator = pairwiseWithSectorDocument(List.of("https://app.example/cb",
                "https://other.example/cb"), fetched);

        OAuth2Client out = validator.validate(client().subjectType("pairwise")
                .redirectUris(List.of("https://app.example/cb", "https://other.example/cb"))
                .sectorIdentifierUri("https://app.example/sector.json").build());

        assertThat(out.sectorIdentifierUri()).isEqualTo("https://app.example/sector.json");
        assertThat(fetched).containsExactly(URI.create("https://app.example/sector.json"));
    }

    @Test
    void whenARedirectUriIsMissingFromTheSectorDocumentThenTheHintNamesIt() {
        ClientValidator validator = pairwiseWithSectorDocument(List.of("https://app.example/cb"),
                new ArrayList<>());

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> validator.validate(client()
                .subjectType("pairwise").redirectUris(List.of("https://app.example/cb", "https://app.example/two"))
                .sectorIdentifierUri("https://app.example/sector.json").build()));

        assertThat(e.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(e.error().hint()).startsWith("Redirect URI 'https://app.example/two' is not listed");
    }

    @Test
    void whenOtherMetadataIsInvalidThenTheSectorDocumentIsNotFetched() {
        List<URI> fetched = new ArrayList<>();
        ClientValidator validator = pairwiseWithSectorDocument(List.of("https://app.example/cb"), fetched);

        assertThatThrownBy(() -> validator.validate(client().subjectType("pairwise").tokenEndpointAuthMethod("bogus")
                .sectorIdentifierUri("https://app.example/sector.json").build())).isInstanceOf(OAuth2Exception.class);
        assertThat(fetched).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sector.example/s.json", "ftp://sector.example/s.json"})
    void whenTheSectorUriIsNotHttpsOrLoopbackHttpThenRefusedWithoutFetching(String sectorUri) {
        List<URI> fetched = new ArrayList<>();

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> pairwiseWithSectorDocument(
                List.of("https://app.example/cb"), fetched).validate(client().sectorIdentifierUri(sectorUri).build()));

        assertThat(e.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(fetched).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/s.json", "http://localhost/s.json", "http://[::1]:9/s.json"})
    void whenTheSectorUriIsLoopbackHttpThenItIsFetched(String sectorUri) {
        List<URI> fetched = new ArrayList<>();

        pairwiseWithSectorDocument(List.of("https://app.example/cb"), fetched)
                .validate(client().sectorIdentifierUri(sectorUri).build());

        assertThat(fetched).containsExactly(URI.create(sectorUri));
    }

    @Test
    void whenAPairwiseClientWithoutSectorUriUsesSeveralHostsOrNoHostThenRefused() {
        ClientValidator validator = pairwiseWithSectorDocument(List.of(), new ArrayList<>());

        assertThat(catchThrowableOfType(OAuth2Exception.class, () -> validator.validate(client().subjectType("pairwise")
                .redirectUris(List.of("https://a.example/cb", "https://B.example/cb")).build())).error().hint())
                .contains("several hosts (a.example, b.example)");
        assertThat(catchThrowableOfType(OAuth2Exception.class, () -> validator.validate(client().subjectType("pairwise")
                .redirectUris(List.of("com.example.app:/cb")).build())).error().hint())
                .contains("redirect URIs with a host");
        assertThat(validator.validate(client().subjectType("pairwise")
                .redirectUris(List.of("https://a.example/cb", "https://A.example:8443/other")).build()).subjectType())
                .isEqualTo("pairwise");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidClients")
    void whenMetadataIsInvalidThenInvalidClientMetadataNamesTheProblem(String why,
                                                                     UnaryOperator<OAuth2Client.Builder> change,
                                                                     String hint) {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> validator.validate(change.apply(client()).build()));

        assertThat(e).as(why).isNotNull();
        assertThat(e.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().hint()).contains(hint);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidClients() {
        ObjectNode jwks = JsonNodeFactory.instance.objectNode();
        jwks.putArray("keys");
        return Stream.of(
                arguments("unknown auth method", op(b -> b.tokenEndpointAuthMethod("client_secret_jwt")),
                        "token_endpoint_auth_method"),
                arguments("jwks and jwks_uri both", op(b -> b.jwks(jwks).jwksUri("https://app.example/jwks")),
                        "can not both be set"),
                arguments("jwks without keys array", op(b -> b.jwks(JsonNodeFactory.instance.objectNode())),
                        "JSON Web Key Set"),
                arguments("private_key_jwt without keys", op(b -> b.tokenEndpointAuthMethod("private_key_jwt")),
                        "'jwks' or 'jwks_uri' must be set"),
                arguments("unknown signing alg", op(b -> b.tokenEndpointAuthSigningAlg("HS256")),
                        "token_endpoint_auth_signing_alg"),
                arguments("redirect URI with fragment", op(b -> b.redirectUris(List.of("https://app.example/cb#x"))),
                        "must not contain fragments"),
                arguments("relative redirect URI", op(b -> b.redirectUris(List.of("/cb"))), "absolute"),
                arguments("redirect URI without host", op(b -> b.redirectUris(List.of("https:///cb"))), "host"),
                arguments("redirect URI that is no URL", op(b -> b.redirectUris(List.of("https://app example/cb"))),
                        "not a URL"),
                arguments("cors origin with path", op(b -> b.allowedCorsOrigins(List.of("https://app.example/path"))),
                        "without path"),
                arguments("cors origin with user info", op(b -> b.allowedCorsOrigins(List.of("https://u@app.example"))),
                        "without path"),
                arguments("cors origin with query", op(b -> b.allowedCorsOrigins(List.of("https://app.example?x=1"))),
                        "without path"),
                arguments("unsupported subject type", op(b -> b.subjectType("pairwise")),
                        "Subject type 'pairwise' is not supported"),
                arguments("unknown grant type", op(b -> b.grantTypes(List.of("password"))),
                        "Grant type 'password' is not supported"),
                arguments("bad response type word", op(b -> b.responseTypes(List.of("code token_id"))),
                        "Response type 'code token_id' is not supported"),
                arguments("short secret", op(b -> b.clientSecret("12345")), "at least 6 characters"),
                arguments("post logout redirect on another host",
                        op(b -> b.postLogoutRedirectUris(List.of("https://evil.example/bye"))),
                        "must match the scheme, host and port"),
                arguments("post logout redirect on another port",
                        op(b -> b.postLogoutRedirectUris(List.of("https://app.example:8443/bye"))),
                        "must match the scheme, host and port"),
                arguments("post logout redirect on another scheme",
                        op(b -> b.postLogoutRedirectUris(List.of("http://app.example/bye"))),
                        "must match the scheme, host and port"),
                arguments("http sector identifier", op(b -> b.sectorIdentifierUri("http://app.example/sector")),
                        "must use https"),
                arguments("userinfo alg other than RS256", op(b -> b.userinfoSignedResponseAlg("HS256")),
                        "userinfo_signed_response_alg"),
                arguments("audience that is no URL", op(b -> b.audience(List.of("api"))), "audience"),
                arguments("client id with a space", op(b -> b.clientId("my app")), "client_id"),
                arguments("client id with a slash", op(b -> b.clientId("team/app")), "client_id"),
                arguments("client id with a percent sign", op(b -> b.clientId("app%20x")), "client_id"),
                arguments("client id too long", op(b -> b.clientId("x".repeat(256))), "client_id"),
                arguments("policy uri not http", op(b -> b.policyUri("ftp://app.example/policy")), "policy_uri"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "a-long-enough-secret"})
    void whenSecretHasAtLeastSixCharactersThenAccepted(String secret) {
        assertThat(validator.validate(client().clientSecret(secret).build()).clientSecret()).isEqualTo(secret);
    }

    @Test
    void whenFirstProblemIsFoundThenValidationStops() {
        assertThatThrownBy(() -> validator.validate(client().tokenEndpointAuthMethod("bogus")
                .grantTypes(List.of("password")).build()))
                .isInstanceOf(OAuth2Exception.class)
                .hasMessageContaining("token_endpoint_auth_method");
    }

    private static UnaryOperator<OAuth2Client.Builder> op(UnaryOperator<OAuth2Client.Builder> change) {
        return change;
    }
}
