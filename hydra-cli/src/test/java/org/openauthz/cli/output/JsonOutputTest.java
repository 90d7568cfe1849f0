package org.openauthz.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.JSONWebKey;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;

class JsonOutputTest {

    private final JsonOutput output = new JsonOutput();

    @Test
    void whenModelPrintedThenKeysSortedAndEmptyFieldsOmitted() {
        JSONWebKeySet keys = new JSONWebKeySet().keys(List.of(
                new JSONWebKey().kty("RSA").kid("public:abc").use("sig").alg("RS256").e("AQAB").n("xyz").x5c(List.of())));
        assertEquals("""
                {
                  "keys": [
                    {
                      "alg": "RS256",
                      "e": "AQAB",
                      "kid": "public:abc",
                      "kty": "RSA",
                      "n": "xyz",
                      "use": "sig"
                    }
                  ]
                }""", output.pretty(keys));
    }

    @Test
    void whenRequiredFalseFieldThenKept() {
        assertEquals("{\n  \"active\": false\n}", output.pretty(new OAuth2TokenIntrospection().active(false)));
    }

    @Test
    void whenNestedFreeFormValuesThenSortedToo() {
        OAuth2TokenIntrospection introspection = new OAuth2TokenIntrospection().active(true)
                .ext(Map.of("z", 1, "a", Map.of("y", "\"quoted\"", "b", List.of())));
        assertEquals("""
                {
                  "active": true,
                  "ext": {
                    "a": {
                      "b": [],
                      "y": "\\"quoted\\""
                    },
                    "z": 1
                  }
                }""", output.pretty(introspection));
    }

    @Test
    void whenRawJsonThenEveryFieldKept() {
        assertEquals("{\n  \"a\": [],\n  \"b\": {}\n}", output.prettyJson("{\"b\":{},\"a\":[]}"));
    }
}
