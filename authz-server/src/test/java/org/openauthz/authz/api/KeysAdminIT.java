package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Admin {@code /keys/{set}} and {@code /keys/{set}/{kid}}, as in Hydra v1.10: JSON Web Keys
 * (<a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>) with their
 * private parts, on PostgreSQL. Every test works on its own set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysAdminIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String keys(String set) {
        return server.adminUrl("/keys/" + set);
    }

    private HttpResponse<String> generate(String set, String alg, String kid) {
        var body = object().put("alg", alg).put("use", "sig");
        if (kid != null) {
            body.put("kid", kid);
        }
        return server.json("POST", keys(set), body.toString());
    }

    private static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> kids(JsonNode set) {
        List<String> out = new ArrayList<>();
        set.path("keys").forEach(k -> out.add(k.path("kid").asText()));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"RS256, RSA, d", "ES256, EC, d", "ES512, EC, d", "HS256, oct, k", "HS512, oct, k"})
    void whenAKeyIsGeneratedThen201WithItsPrivatePartsAndAGeneratedKid(String alg, String kty, String secretMember) {
        String set = uniqueId("generate-" + alg);

        HttpResponse<String> response = generate(set, alg, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode keys = json(response).path("keys");
        assertThat(keys).isNotEmpty();
        for (JsonNode key : keys) {
            assertThat(key.path("kty").asText()).isEqualTo(kty);
            assertThat(key.path("alg").asText()).isEqualTo(alg);
            assertThat(key.path("use").asText()).isEqualTo("sig");
            assertThat(key.path("kid").asText()).isNotBlank();
        }
        // The admin API hands out private key material, as Hydra v1.10's does.
        assertThat(keys.findValues(secretMember)).isNotEmpty();
        JsonNode key = keys.get(0);
        switch (alg) {
            case "ES256" -> assertThat(key.path("crv").asText()).isEqualTo("P-256");
            case "ES512" -> assertThat(key.path("crv").asText()).isEqualTo("P-521");
            // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
            case "HS256" -> assertThat(Base64.getUrlDecoder().decode(key.path("k").asText())).hasSizeGreaterThanOrEqualTo(32);
            case "HS512" -> assertThat(Base64.getUrlDecoder().decode(key.path("k").asText())).hasSizeGreaterThanOrEqualTo(64);
            default -> assertThat(key.path("n").asText()).isNotEmpty();
        }
        // The set now exists and holds the key.
        assertThat(kids(json(server.get(keys(set))))).containsAll(kids(json(response)));
    }

    @Test
    void whenAKidAndUseAreGivenThenTheyAreKept() {
        String set = uniqueId("named");

        HttpResponse<String> response = server.json("POST", keys(set),
                "{\"alg\":\"ES256\",\"kid\":\"my-kid\",\"use\":\"enc\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode key = json(response).path("keys").get(0);
        assertThat(key.path("kid").asText()).isEqualTo("my-kid");
        assertThat(key.path("use").asText()).isEqualTo("enc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"RS1024\"}", "{\"alg\":\"none\"}", "{\"alg\":\"\"}", "{}"})
    void whenTheAlgorithmIsUnknownOrMissingThen400(String body) {
        String set = uniqueId("bad-alg");

        assertJsonError(server.json("POST", keys(set), body), 400, "invalid_request");
        // Nothing was created.
        assertThat(server.get(keys(set)).statusCode()).isEqualTo(404);
    }

    @Test
    void whenASetAndOneOfItsKeysAreFetchedThenTheyAreReturned() {
        String set = uniqueId("fetch");
        String first = json(generate(set, "ES256", "first")).path("keys").get(0).path("kid").asText();
        generate(set, "HS256", "second");

        HttpResponse<String> whole = server.get(keys(set));
        HttpResponse<String> one = server.get(keys(set) + "/" + first);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(kids(json(whole))).containsExactlyInAnyOrder("first", "second");
        assertThat(one.statusCode()).isEqualTo(200);
        // A single key comes wrapped in a key set, as in Hydra v1.10.
        assertThat(kids(json(one))).containsExactly("first");
        assertThat(json(one).path("keys").get(0).has("d")).isTrue();
    }

    @Test
    void whenAnUnknownSetOrKidIsFetchedThen404() {
        String set = uniqueId("unknown");
        assertThat(json(server.get(keys(set))).path("error").asText()).isNotEmpty();
        assertThat(server.get(keys(set)).statusCode()).isEqualTo(404);

        generate(set, "HS256", "present");
        HttpResponse<String> missingKid = server.get(keys(set) + "/absent");
        assertThat(missingKid.statusCode()).isEqualTo(404);
        assertThat(json(missingKid).path("error").asText()).isNotEmpty();
    }

    @Test
    void whenASetIsReplacedThenItHoldsExactlyTheNewKeys() {
        String set = uniqueId("replace-set");
        generate(set, "HS256", "old");
        JWKSet replacement = new JWKSet(List.of(ecKey("new-1"), ecKey("new-2")));

        HttpResponse<String> response = server.json("PUT", keys(set), replacement.toString(false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(kids(json(response))).containsExactlyInAnyOrder("new-1", "new-2");
        JsonNode stored = json(server.get(keys(set)));
        assertThat(kids(stored)).containsExactlyInAnyOrder("new-1", "new-2");
        assertThat(stored.path("keys").findValuesAsText("d")).containsExactlyInAnyOrder(
                ((ECKey) replacement.getKeyByKeyId("new-1")).getD().toString(),
                ((ECKey) replacement.getKeyByKeyId("new-2")).getD().toString());
    }

    @Test
    void whenAKeyIsReplacedThenTheNewKeyMaterialIsStored() {
        String set = uniqueId("replace-kid");
        generate(set, "ES256", "rotating");
        generate(set, "HS256", "neighbour");
        ECKey replacement = ecKey("rotating");

        HttpResponse<String> response = server.json("PUT", keys(set) + "/rotating", replacement.toJSONString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("x").asText()).isEqualTo(replacement.getX().toString());
        JsonNode stored = json(server.get(keys(set) + "/rotating")).path("keys").get(0);
        assertThat(stored.path("x").asText()).isEqualTo(replacement.getX().toString());
        assertThat(stored.path("d").asText()).isEqualTo(replacement.getD().toString());
        assertThat(kids(json(server.get(keys(set))))).containsExactlyInAnyOrder("rotating", "neighbour");
    }

    @Test
    void whenAKeyIsReplacedUnderAnotherKidThen400() {
        String set = uniqueId("replace-mismatch");
        generate(set, "HS256", "path-kid");

        assertJsonError(server.json("PUT", keys(set) + "/path-kid", ecKey("body-kid").toJSONString()), 400,
                "invalid_request");
    }

    @Test
    void whenAKeyAndThenItsSetAreDeletedThen204AndThey404() {
        String set = uniqueId("delete");
        generate(set, "HS256", "doomed");
        generate(set, "HS256", "survivor");

        HttpResponse<String> deletedKey = server.json("DELETE", keys(set) + "/doomed", null);

        assertThat(deletedKey.statusCode()).isEqualTo(204);
        assertThat(server.get(keys(set) + "/doomed").statusCode()).isEqualTo(404);
        assertThat(kids(json(server.get(keys(set))))).containsExactly("survivor");

        HttpResponse<String> deletedSet = server.json("DELETE", keys(set), null);

        assertThat(deletedSet.statusCode()).isEqualTo(204);
        assertThat(server.get(keys(set)).statusCode()).isEqualTo(404);
        // Hydra v1.10 answers 204 for a set that does not exist, and so do we.
        assertThat(server.json("DELETE", keys(set), null).statusCode()).isEqualTo(204);
    }

    @Test
    void whenAKidIsGeneratedTwiceInOneSetThen409() {
        String set = uniqueId("duplicate");
        assertThat(generate(set, "HS256", "twice").statusCode()).isEqualTo(201);

        HttpResponse<String> duplicate = generate(set, "HS256", "twice");

        // The (set, kid) pair is unique (one key per kid: docs/decisions/0004-hydra-quirks-fixed.md).
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("error").asText()).isNotEmpty();
        assertThat(kids(json(server.get(keys(set))))).containsExactly("twice");
    }
}
