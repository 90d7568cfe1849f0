package org.openauthz.cli.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/**
 * Form POSTs to the public OAuth 2.0 endpoints ({@code /oauth2/token}, {@code /oauth2/revoke}),
 * which are not part of the admin API spec and so not in the generated client.
 */
public final class FormPost {

    /** Status and body of an answer. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private FormPost() {
    }

    /**
     * Posts {@code form} with HTTP Basic client authentication. Per RFC 6749 section 2.3.1 the
     * client id and secret are form-url-encoded before being joined and base64-encoded; the server
     * decodes them again, so ids and secrets with ':' or non-ASCII characters survive.
     */
    public static Response postWithBasicAuth(CloseableHttpClient http, Endpoint endpoint, String path,
                                             Map<String, String> form, String clientId, String clientSecret) {
        return postAsClient(http, endpoint, path, form, clientId, clientSecret);
    }

    /**
     * As {@link #postWithBasicAuth}; without a secret ({@code clientSecret == null}) the client is public and sends
     * only {@code client_id} in the form (RFC 6749 section 2.3.1, token_endpoint_auth_method {@code none}).
     */
    public static Response postAsClient(CloseableHttpClient http, Endpoint endpoint, String path,
                                        Map<String, String> form, String clientId, String clientSecret) {
        HttpPost post = new HttpPost(endpoint.url(path));
        post.setHeader("Accept", "application/json");
        List<NameValuePair> pairs = new ArrayList<>();
        if (clientSecret != null) {
            post.setHeader("Authorization", basicAuthorization(clientId, clientSecret));
        } else {
            pairs.add(new BasicNameValuePair("client_id", clientId));
        }
        form.forEach((name, value) -> pairs.add(new BasicNameValuePair(name, value)));
        post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
        try {
            return http.execute(post, response -> new Response(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw ErrorMessages.unreachable(endpoint, e);
        }
    }

    public static String basicAuthorization(String clientId, String clientSecret) {
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
