package org.openauthz.loginconsent.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /static/<file>}: the app's own stylesheet and icon, read from the jar once. A fixed list rather than a
 * directory, so that nothing else on the classpath can be fetched.
 */
@Path("/static/{file}")
public final class StaticResource {
    private static final String ROOT = "/org/openauthz/loginconsent/static/";
    private static final Map<String, String> FILES = Map.of(
            "style.css", "text/css;charset=UTF-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> contents;

    public StaticResource() {
        this.contents = FILES.keySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, StaticResource::read));
    }

    @GET
    public Response get(@PathParam("file") String file) {
        byte[] body = contents.get(file);
        if (body == null) {
            throw new NotFoundException();
        }
        // Cacheable for an hour, unlike the pages, which carry one-time challenges and tokens.
        return Response.ok(body, FILES.get(file)).header("Cache-Control", "public, max-age=3600").build();
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticResource.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
