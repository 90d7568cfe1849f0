package org.openauthz.cli.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.api.AdminApi;

/**
 * One command's connection to the admin API: the generated {@link AdminApi} plus the HTTP client
 * behind it, closed when the command ends. {@link #call} maps failures to one-line messages.
 */
public final class AdminSession implements AutoCloseable {

    /** One admin API call. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(AdminApi api) throws ApiException;
    }

    /** One admin API call without a result. */
    @FunctionalInterface
    public interface VoidCall {
        void apply(AdminApi api) throws ApiException;
    }

    private final CloseableHttpClient http;
    private final AdminApi api;
    private final Endpoint endpoint;

    AdminSession(CloseableHttpClient http, AdminApi api, Endpoint endpoint) {
        this.http = http;
        this.api = api;
        this.endpoint = endpoint;
    }

    /** Runs {@code call}; a failure becomes a {@link org.openauthz.cli.CliException} starting with {@code action}. */
    public <T> T call(String action, Call<T> call) {
        try {
            return call.apply(api);
        } catch (ApiException e) {
            throw ErrorMessages.failure(action, endpoint, e);
        }
    }

    /** Like {@link #call}, but a 404 answer is an empty result instead of a failure. */
    public <T> java.util.Optional<T> callUnlessNotFound(String action, Call<T> call) {
        try {
            return java.util.Optional.ofNullable(call.apply(api));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return java.util.Optional.empty();
            }
            throw ErrorMessages.failure(action, endpoint, e);
        }
    }

    public void run(String action, VoidCall call) {
        call(action, a -> {
            call.apply(a);
            return null;
        });
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The generated client's mapper: snake_case models, java.time support, unknown fields ignored. */
    public ObjectMapper objectMapper() {
        return api.getApiClient().getObjectMapper();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // nothing useful to do when closing idle connections fails
        }
    }
}
