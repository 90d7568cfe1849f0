package org.openauthz.authz.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.oauth2.OAuth2Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RFC 6902 JSON Patch, checked against the examples of its Appendix A (A.1-A.16). Failures are {@code invalid_request}
 * and leave the input untouched (RFC 6902 §5; RFC 5789 §2: a PATCH is applied atomically or not at all).
 */
class JsonPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A.1 add an object member | {\"foo\":\"bar\"} "
                    + "| [{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}] "
                    + "| {\"baz\":\"qux\",\"foo\":\"bar\"}",
            "A.2 add an array element | {\"foo\":[\"bar\",\"baz\"]} "
                    + "| [{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}] "
                    + "| {\"foo\":[\"bar\",\"qux\",\"baz\"]}",
            "A.3 remove an object member | {\"baz\":\"qux\",\"foo\":\"bar\"} "
                    + "| [{\"op\":\"remove\",\"path\":\"/baz\"}] "
                    + "| {\"foo\":\"bar\"}",
            "A.4 remove an array element | {\"foo\":[\"bar\",\"qux\",\"baz\"]} "
                    + "| [{\"op\":\"remove\",\"path\":\"/foo/1\"}] "
                    + "| {\"foo\":[\"bar\",\"baz\"]}",
            "A.5 replace a value | {\"baz\":\"qux\",\"foo\":\"bar\"} "
                    + "| [{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}] "
                    + "| {\"baz\":\"boo\",\"foo\":\"bar\"}",
            "A.6 move a value | {\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}} "
                    + "| [{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}] "
                    + "| {\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}",
            "A.7 move an array element | {\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]} "
                    + "| [{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}] "
                    + "| {\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}",
            "A.8 test a value: success | {\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]} "
                    + "| [{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},"
                    + "{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}] "
                    + "| {\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
            "A.10 add a nested member object | {\"foo\":\"bar\"} "
                    + "| [{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}] "
                    + "| {\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}",
            "A.11 ignore unrecognized elements | {\"foo\":\"bar\"} "
                    + "| [{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}] "
                    + "| {\"foo\":\"bar\",\"baz\":\"qux\"}",
            "A.14 ~ escape ordering | {\"/\":9,\"~1\":10} "
                    + "| [{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}] "
                    + "| {\"/\":9,\"~1\":10}",
            "A.16 add an array value | {\"foo\":[\"bar\"]} "
                    + "| [{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}] "
                    + "| {\"foo\":[\"bar\",[\"abc\",\"def\"]]}",
            "copy a value | {\"foo\":{\"bar\":1}} "
                    + "| [{\"op\":\"copy\",\"from\":\"/foo\",\"path\":\"/baz\"}] "
                    + "| {\"foo\":{\"bar\":1},\"baz\":{\"bar\":1}}",
            "~1 escapes a slash in a member name | {\"redirect\":{}} "
                    + "| [{\"op\":\"add\",\"path\":\"/redirect/a~1b\",\"value\":1}] "
                    + "| {\"redirect\":{\"a/b\":1}}",
            "~0 escapes a tilde in a member name | {\"a~b\":1} "
                    + "| [{\"op\":\"replace\",\"path\":\"/a~0b\",\"value\":2}] "
                    + "| {\"a~b\":2}",
            "'-' appends to an array | {\"uris\":[\"a\"]} "
                    + "| [{\"op\":\"add\",\"path\":\"/uris/-\",\"value\":\"b\"},"
                    + "{\"op\":\"add\",\"path\":\"/uris/-\",\"value\":\"c\"}] "
                    + "| {\"uris\":[\"a\",\"b\",\"c\"]}",
            "add at the array end index | {\"uris\":[\"a\"]} "
                    + "| [{\"op\":\"add\",\"path\":\"/uris/1\",\"value\":\"b\"}] "
                    + "| {\"uris\":[\"a\",\"b\"]}",
            "add replaces an existing member | {\"scope\":\"a\"} "
                    + "| [{\"op\":\"add\",\"path\":\"/scope\",\"value\":\"b\"}] "
                    + "| {\"scope\":\"b\"}",
            "operations apply in order | {} "
                    + "| [{\"op\":\"add\",\"path\":\"/a\",\"value\":1},"
                    + "{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}] "
                    + "| {\"b\":1}",
            "replace the whole document | {\"a\":1} "
                    + "| [{\"op\":\"add\",\"path\":\"\",\"value\":{\"b\":2}}] "
                    + "| {\"b\":2}",
            "empty patch | {\"a\":1} | [] | {\"a\":1}",
    })
    void whenPatchIsValidThenAppliedAsRfc6902Says(String example, String document, String patch, String expected) {
        assertThat(JsonPatch.apply(json(document), json(patch))).isEqualTo(json(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A.9 test a value: error | {\"baz\":\"qux\"} "
                    + "| [{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}] | test failed",
            "A.12 add to a nonexistent target | {\"foo\":\"bar\"} "
                    + "| [{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}] | no parent",
            "A.15 compare strings and numbers | {\"/\":9,\"~1\":10} "
                    + "| [{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}] | test failed",
            "test of a missing member | {} | [{\"op\":\"test\",\"path\":\"/a\",\"value\":1}] | does not exist",
            "remove a missing member | {} | [{\"op\":\"remove\",\"path\":\"/a\"}] | does not exist",
            "replace a missing member | {} | [{\"op\":\"replace\",\"path\":\"/a\",\"value\":1}] | does not exist",
            "move from a missing member | {} | [{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}] | does not exist",
            "copy from a missing member | {} | [{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"}] | does not exist",
            "move without from | {\"a\":1} | [{\"op\":\"move\",\"path\":\"/b\"}] | needs a 'from'",
            "add without value | {} | [{\"op\":\"add\",\"path\":\"/a\"}] | needs a 'value'",
            "unknown operation | {} | [{\"op\":\"merge\",\"path\":\"/a\",\"value\":1}] | Unknown JSON Patch operation",
            "operation without op | {} | [{\"path\":\"/a\",\"value\":1}] | 'op' and 'path'",
            "operation without path | {} | [{\"op\":\"add\",\"value\":1}] | 'op' and 'path'",
            "operation that is not an object | {} | [\"add\"] | 'op' and 'path'",
            "array index out of bounds | {\"a\":[1]} "
                    + "| [{\"op\":\"add\",\"path\":\"/a/2\",\"value\":1}] | out of bounds",
            "negative array index | {\"a\":[1]} | [{\"op\":\"add\",\"path\":\"/a/-1\",\"value\":1}] | out of bounds",
            "array index that is no number | {\"a\":[1]} "
                    + "| [{\"op\":\"add\",\"path\":\"/a/x\",\"value\":1}] | not a number",
            "remove past the array end | {\"a\":[1]} | [{\"op\":\"remove\",\"path\":\"/a/1\"}] | does not exist",
            "path into a string | {\"a\":\"text\"} | [{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}] | no parent",
            "remove the whole document | {\"a\":1} | [{\"op\":\"remove\",\"path\":\"\"}] | whole document",
            "remove path without leading slash | {\"a\":1} "
                    + "| [{\"op\":\"remove\",\"path\":\"a\"}] | must start with '/'",
            "test path without leading slash | {\"a\":1} "
                    + "| [{\"op\":\"test\",\"path\":\"a\",\"value\":1}] | must start with '/'",
            "patch is an object | {} | {\"op\":\"add\",\"path\":\"/a\",\"value\":1} | an array of operations",
            "patch is a string | {} | \"add\" | an array of operations",
    })
    void whenPatchIsInvalidThenInvalidRequestAndTheDocumentIsUntouched(String example, String document, String patch,
                                                                      String hint) {
        JsonNode original = json(document);
        JsonNode before = original.deepCopy();

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> JsonPatch.apply(original, json(patch)));

        assertThat(e).as(example).isNotNull();
        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains(hint);
        assertThat(original).isEqualTo(before);
    }

    @Test
    void whenAnOperationFailsThenEarlierOperationsAreNotVisible() {
        // RFC 6902 §5: "If a normative requirement is violated ... the entire patch document SHALL NOT be deemed
        // successful" — the caller's document must not show the first, successful add.
        JsonNode document = json("{\"a\":1}");

        catchThrowableOfType(OAuth2Exception.class, () -> JsonPatch.apply(document,
                json("[{\"op\":\"add\",\"path\":\"/b\",\"value\":2},{\"op\":\"test\",\"path\":\"/a\",\"value\":3}]")));

        assertThat(document).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void whenPatchIsNullThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> JsonPatch.apply(json("{}"), null));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "add | [{\"op\":\"add\",\"path\":\"a\",\"value\":1}]",
            "copy | [{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"b\"}]",
            "move | [{\"op\":\"move\",\"from\":\"/a\",\"path\":\"b\"}]",
    })
    void whenTargetPathLacksLeadingSlashThenInvalidRequest(String op, String patch) {
        // RFC 6901 §3: a non-empty JSON Pointer starts with '/'. Regression: the target path of add/copy/move was
        // not checked and failed with StringIndexOutOfBoundsException (a 500).
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> JsonPatch.apply(json("{\"a\":1}"), json(patch)));

        assertThat(e).as(op).isNotNull();
        assertThat(e.error().hint()).contains("must start with '/'");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
