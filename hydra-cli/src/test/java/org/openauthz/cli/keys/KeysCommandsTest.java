package org.openauthz.cli.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openauthz.cli.CliRun;
import org.openauthz.cli.FakeServer;

/** {@code hydra keys ...} end to end against a fake admin API. */
class KeysCommandsTest {

    private final ObjectMapper json = new ObjectMapper();
    private FakeServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void whenCreateThenGeneratorRequestSentAndKeysPrinted() throws IOException {
        server.on("POST", "/keys/my-set", 201, "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k1\",\"alg\":\"HS256\",\"use\":\"sig\","
                + "\"k\":\"c2VjcmV0\"}]}");
        CliRun.Result result = new CliRun().run("keys", "create", "my-set", "k1", "-a", "HS256", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"alg\":\"HS256\",\"kid\":\"k1\",\"use\":\"sig\"}",
                json.readTree(server.lastRequest().body()).toString());
        assertEquals("""
                {
                  "keys": [
                    {
                      "alg": "HS256",
                      "k": "c2VjcmV0",
                      "kid": "k1",
                      "kty": "oct",
                      "use": "sig"
                    }
                  ]
                }
                """, result.out());
    }

    @Test
    void whenRotateThenTheRotateEndpointIsCalledAndTheNewKeyPrinted() {
        server.on("POST", "/keys/hydra.openid.id-token/rotate", 201,
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k2\",\"alg\":\"HS256\",\"use\":\"sig\",\"k\":\"c2VjcmV0\"}]}");
        CliRun.Result result = new CliRun().run("keys", "rotate", "hydra.openid.id-token", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("POST", server.lastRequest().method());
        assertTrue(result.out().contains("\"kid\": \"k2\""), result.out());
    }

    @Test
    void whenRotateAnUnknownSetThenTheServerMessageAndExitOne() {
        server.on("POST", "/keys/nope/rotate", 404, "{\"error\":\"Not Found\",\"error_description\":\"The JSON Web Key Set 'nope' does not exist.\"}");
        CliRun.Result result = new CliRun().run("keys", "rotate", "nope", "--endpoint", server.url());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Could not rotate JSON Web Key Set nope"), result.err());
    }

    @Test
    void whenCreateWithoutKidThenDefaultsRs256Sig() throws IOException {
        server.on("POST", "/keys/my-set", 201, "{\"keys\":[]}");
        CliRun.Result result = new CliRun().run("keys", "create", "my-set", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"alg\":\"RS256\",\"use\":\"sig\"}", json.readTree(server.lastRequest().body()).toString());
    }

    @Test
    void whenCreateWithUnknownAlgThenServerMessage() {
        server.on("POST", "/keys/my-set", 400, "{\"error\":\"Bad Request\",\"error_description\":\"Generator FOO unknown\"}");
        CliRun.Result result = new CliRun().run("keys", "create", "my-set", "-a", "FOO", "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Could not generate a key in JSON Web Key Set my-set: 400 Bad Request: Generator FOO unknown\n",
                result.err());
    }

    @Test
    void whenDeleteThenConfirmationPerSet() {
        server.on("DELETE", "/keys/a", 204, "").on("DELETE", "/keys/b", 204, "");
        CliRun.Result result = new CliRun().run("keys", "delete", "a", "b", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("JSON Web Key Set deleted: a\nJSON Web Key Set deleted: b\n", result.out());
    }

    @Test
    void whenImportPemKeysIntoMissingSetThenPrivateAndPublicKeysPut(@TempDir Path dir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        Path privateKey = dir.resolve("rsa.key");
        Files.writeString(privateKey, pem("PRIVATE KEY", rsaPair.getPrivate().getEncoded()));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp521r1"));
        Path publicKey = dir.resolve("ec.pub");
        Files.writeString(publicKey, pem("PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded()));
        server.on("GET", "/keys/imported", 404, "{\"error\":\"Not Found\",\"error_description\":\"Unable to locate the resource\"}");
        server.on("PUT", "/keys/imported", 200, "{\"keys\":[]}");

        CliRun.Result result = new CliRun().run("keys", "import", "imported", privateKey.toString(), publicKey.toString(),
                "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully loaded key from file: " + privateKey + "\n"
                + "Successfully loaded key from file: " + publicKey + "\n"
                + "JSON Web Key Set successfully imported!\n", result.out());
        JsonNode keys = json.readTree(server.lastRequest().body()).get("keys");
        assertEquals(3, keys.size(), keys.toString());
        JsonNode rsaPrivate = keys.get(0);
        JsonNode rsaPublic = keys.get(1);
        JsonNode ecPublic = keys.get(2);
        assertTrue(rsaPrivate.get("kid").asText().startsWith("private:"), rsaPrivate.toString());
        assertEquals(rsaPrivate.get("kid").asText().substring(8), rsaPublic.get("kid").asText().substring(7));
        assertEquals("RSA", rsaPrivate.get("kty").asText());
        assertTrue(rsaPrivate.has("d") && rsaPrivate.has("p") && rsaPrivate.has("qi"));
        assertFalse(rsaPublic.has("d"));
        assertEquals("RS256", rsaPublic.get("alg").asText());
        assertEquals("sig", rsaPublic.get("use").asText());
        assertEquals("EC", ecPublic.get("kty").asText());
        assertEquals("P-521", ecPublic.get("crv").asText());
        assertEquals("ES512", ecPublic.get("alg").asText());
        assertTrue(ecPublic.get("kid").asText().startsWith("public:"));
    }

    @Test
    void whenImportJwkIntoExistingSetThenAppendedWithItsOwnKidAndUse(@TempDir Path dir) throws Exception {
        Path jwk = dir.resolve("key.json");
        Files.writeString(jwk, "{\"kty\":\"oct\",\"kid\":\"shared\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\"}");
        server.on("GET", "/keys/existing", 200, "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"old\",\"k\":\"b2xk\"}]}");
        server.on("PUT", "/keys/existing", 200, "{\"keys\":[]}");

        CliRun.Result result = new CliRun().run("keys", "import", "existing", jwk.toString(), "--use", "enc",
                "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode keys = json.readTree(server.lastRequest().body()).get("keys");
        assertEquals(2, keys.size());
        assertEquals("old", keys.get(0).get("kid").asText());
        assertEquals("shared", keys.get(1).get("kid").asText());
        assertEquals("enc", keys.get(1).get("use").asText());
        assertEquals("HS256", keys.get(1).get("alg").asText());
    }

    @Test
    void whenImportFileIsNotAKeyThenOneLineAndNothingWritten(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        CliRun.Result result = new CliRun().run("keys", "import", "s", text.toString(), "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Could not load a key from " + text + ": the file was neither a PEM encoded public/private key "
                + "nor a JSON Web Key\n", result.err());
        assertTrue(server.requests().isEmpty());
    }
}
