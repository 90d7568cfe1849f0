package org.openauthz.authz.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One outgoing HTTP exchange bounded as a whole: the deadline covers the connection, the headers and the body (the
 * JDK client's own request timeout stops at the headers, so a peer that stalls in its body would hold the caller
 * forever), and no more than {@code maxBytes} of the body are read.
 */
public final class BoundedHttp {
    private BoundedHttp() {
    }

    /** The status and body of an answer; {@code body} is null when the answer was larger than allowed. */
    public record Answer(int status, byte[] body) {
        public boolean tooLarge() {
            return body == null;
        }
    }

    /**
     * Sends {@code request} and reads the answer. Throws {@link TimeoutException} when the whole answer did not arrive
     * within {@code deadline}, {@link IOException} when there was no connection or it broke.
     */
    public static Answer exchange(HttpClient http, HttpRequest request, Duration deadline, int maxBytes)
            throws IOException, TimeoutException, InterruptedException {
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<Answer> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    body.set(response.body());
                    return read(response, maxBytes);
                });
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            InputStream stalled = body.get();
            if (stalled != null) {
                stalled.close();
            }
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static Answer read(HttpResponse<InputStream> response, int maxBytes) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return new Answer(response.statusCode(), bytes.length > maxBytes ? null : bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IOException failure(Throwable cause) throws TimeoutException {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof HttpTimeoutException) {
            throw new TimeoutException(root.getMessage());
        }
        if (root instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return root instanceof IOException io ? io : new IOException(root);
    }
}
