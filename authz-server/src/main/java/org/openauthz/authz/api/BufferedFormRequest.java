package org.openauthz.authz.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.eclipse.jetty.http.BadMessageException;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small {@code application/x-www-form-urlencoded} POST body read into memory, so that the CORS filter and the rate
 * limiter can look at a field ({@code client_id}) and the endpoint still gets the whole body: whichever filter reads
 * first buffers it and the next one reuses that buffer. Jersey reads it again from {@link #getInputStream()}, a servlet
 * through {@link #getParameterMap()} (query string first, then the body, as Jetty merges them). A body that is not
 * a valid form fails the parameter methods with Jetty's own 400 exception, which the endpoints already answer.
 */
public final class BufferedFormRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private final Charset charset;
    private Map<String, String[]> parameters;

    private BufferedFormRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        this.charset = charset(request.getCharacterEncoding());
    }

    /** The charset of the Content-Type, UTF-8 when absent or unknown (WHATWG URL §5.1). */
    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The request with its body buffered when it is a url-encoded POST of a known size the endpoints accept;
     * otherwise the request itself (a larger body is the endpoint's to refuse, unread).
     */
    public static HttpServletRequest of(HttpServletRequest request) throws IOException {
        if (request instanceof BufferedFormRequest) {
            return request;
        }
        String contentType = request.getContentType();
        long length = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod()) || contentType == null || length < 0
                || length > FormEndpoint.MAX_FORM_BYTES
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return request;
        }
        return new BufferedFormRequest(request, request.getInputStream().readNBytes((int) length));
    }

    /** The first value of a body field; null when absent, empty or the body is not a valid form. */
    public String bodyField(String name) {
        try {
            List<String> values = decode(new String(body, charset)).get(name);
            return values == null || values.get(0).isEmpty() ? null : values.get(0);
        } catch (BadMessageException notAForm) {
            return null;
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body is already in memory; read it blocking");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            Map<String, List<String>> merged = decode(getQueryString() == null ? "" : getQueryString());
            decode(new String(body, charset)).forEach((name, values) ->
                    merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
            Map<String, String[]> out = new LinkedHashMap<>();
            merged.forEach((name, values) -> out.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(out);
        }
        return parameters;
    }

    /** HTML's url-encoded format (WHATWG URL §5.1): {@code +} is a space, bytes are percent-encoded. */
    private Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(name, charset), n -> new ArrayList<>())
                        .add(URLDecoder.decode(value, charset));
            } catch (IllegalArgumentException e) {
                throw new BadMessageException("The request body is not a valid form.");
            }
        }
        return out;
    }
}
