package org.openauthz.cli.token.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.ErrorMessages;

/** {@link DocumentSource} over the CLI's HTTP client (which honours {@code --skip-tls-verify}). */
public final class HttpDocumentSource implements DocumentSource {

    private final CloseableHttpClient http;

    public HttpDocumentSource(CloseableHttpClient http) {
        this.http = http;
    }

    @Override
    public String fetch(String url) throws IOException {
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", "application/json");
        String[] answer;
        try {
            answer = http.execute(get, response -> new String[] {Integer.toString(response.getCode()),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)});
        } catch (IOException e) {
            throw new IOException(ErrorMessages.unreachable(new Endpoint(url, "server"), e).getMessage(), e);
        }
        int status = Integer.parseInt(answer[0]);
        if (status < 200 || status >= 300) {
            throw new IOException(url + " answered " + ErrorMessages.httpError(status, answer[1]));
        }
        return answer[1];
    }
}
