package org.openauthz.authz.oauth2.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.oauth2.BoundedHttp;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One POST of a JSON body to a hook URL and what its answer means (decision 0014): {@code 200} with
 * {@link SessionClaims} replaces the claims, {@code 204} changes nothing, {@code 403} denies the request
 * ({@code access_denied}, 403); anything else (no answer within the timeout, no connection, another status, a body
 * that is not the expected JSON) is {@code temporarily_unavailable} (503 with {@code Retry-After}), since the token
 * endpoint cannot issue tokens without the hook's word and the fault is upstream, not the client's. The log names the
 * hook and what went wrong, never the body (it holds claims).
 */
final class HookCall {
    private static final Logger LOG = LoggerFactory.getLogger(HookCall.class);
    /** A hook answers with claims, not documents: more than this is a broken hook. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final String name;
    private final URI url;
    /** The URL without user info and query, which may carry credentials. */
    private final String loggedUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    /** {@code name}: the setting the URL came from, for the error hint and the log. */
    HookCall(String name, URI url, Duration timeout, HttpClient http, ObjectMapper json) {
        this.name = name;
        this.url = url;
        this.loggedUrl = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
        this.timeout = timeout;
        this.http = http;
        this.json = json;
    }

    /** The hook's new claims, or empty when it answered 204 (no change). */
    Optional<SessionClaims> call(Map<String, Object> body) {
        BoundedHttp.Answer answer = send(body);
        return switch (answer.status()) {
            case 200 -> Optional.of(parse(answer));
            case 204 -> Optional.empty();
            case 403 -> throw OAuth2Error.ACCESS_DENIED.withHint("The " + name + " denied the request.").toException();
            default -> throw unavailable("answered HTTP " + answer.status());
        };
    }

    private BoundedHttp.Answer send(Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json; charset=UTF-8").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            return BoundedHttp.exchange(http, request, timeout, MAX_ANSWER_BYTES);
        } catch (TimeoutException e) {
            throw unavailable("did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw unavailable("could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("was interrupted");
        }
    }

    private SessionClaims parse(BoundedHttp.Answer answer) {
        if (answer.tooLarge()) {
            throw unavailable("answered with more than " + MAX_ANSWER_BYTES / 1024 + " KiB");
        }
        try {
            SessionClaims claims = json.readValue(answer.body(), SessionClaims.class);
            if (claims == null) {
                throw unavailable("answered 200 without a body");
            }
            return claims;
        } catch (JsonProcessingException e) {
            throw unavailable("answered 200 with a body that is not {\"session\":{\"access_token\":{...},"
                    + "\"id_token\":{...}}}");
        } catch (IOException e) {
            throw unavailable("answered 200 with a body that cannot be read");
        }
    }

    private OAuth2Exception unavailable(String what) {
        LOG.warn("The {} at {} {}; no tokens were issued", name, loggedUrl, what);
        return OAuth2Error.TEMPORARILY_UNAVAILABLE.withHint("The " + name + " " + what + "; no tokens were issued.")
                .toException();
    }
}
