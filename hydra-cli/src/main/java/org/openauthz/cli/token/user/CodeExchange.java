package org.openauthz.cli.token.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.openauthz.cli.CliException;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.ErrorMessages;
import org.openauthz.cli.http.FormPost;

/**
 * Exchanges an authorization code for tokens at the token endpoint with the PKCE code verifier.
 * A confidential client authenticates with HTTP Basic (id and secret form-url-encoded first, RFC
 * 6749 section 2.3.1); without a secret the client is public and sends only {@code client_id}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3">RFC 6749 section 4.1.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.5">RFC 7636 section 4.5</a>
 */
public final class CodeExchange {

    static final String ACTION = "Could not exchange the authorization code for tokens";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient http;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;

    /** @param clientSecret {@code null} for a public client */
    public CodeExchange(CloseableHttpClient http, String tokenUrl, String clientId, String clientSecret) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * @return the token response, which always has an access token
     * @throws CliException with the one-line reason when the endpoint cannot be reached, refuses the
     *     code or answers with something that is not a token response
     */
    public TokenResponse exchange(String code, String redirectUri, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        HttpPost post = new HttpPost(tokenUrl);
        post.setHeader("Accept", "application/json");
        if (clientSecret != null) {
            post.setHeader("Authorization", FormPost.basicAuthorization(clientId, clientSecret));
        } else {
            form.put("client_id", clientId);
        }
        List<NameValuePair> pairs = new ArrayList<>();
        form.forEach((name, value) -> pairs.add(new BasicNameValuePair(name, value)));
        post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));

        int status;
        String body;
        try {
            String[] answer = http.execute(post, response -> new String[] {Integer.toString(response.getCode()),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)});
            status = Integer.parseInt(answer[0]);
            body = answer[1];
        } catch (IOException e) {
            throw ErrorMessages.unreachable(new Endpoint(tokenUrl, "token endpoint"), e);
        }
        if (status < 200 || status >= 300) {
            throw new CliException(ACTION + ": " + ErrorMessages.httpError(status, body));
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException(ACTION + ": the token endpoint did not answer with JSON");
        }
        if (json == null || !json.isObject()) {
            throw new CliException(ACTION + ": the token endpoint did not answer with a JSON object");
        }
        TokenResponse tokens = TokenResponse.fromJson(json);
        if (tokens.accessToken() == null) {
            throw new CliException(ACTION + ": the token endpoint's answer has no access_token");
        }
        return tokens;
    }
}
