package org.openauthz.loginconsent.web;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Errors raised by the servlet container rather than Jersey, as a short HTML page with a fixed text per status,
 * instead of Jetty's page, which names the server and can show stack traces. (Requests Jetty cannot even parse, such
 * as oversized headers, get an empty 4xx answer from Jetty before any handler runs.)
 */
public final class PlainErrorHandler extends ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String body(int status) {
        String text = status >= 500 ? "Something went wrong on our side. Please try again."
                : "Your browser sent a request this page cannot read. Go back to the application and sign in again.";
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status
                + "</title></head><body><h1>Error " + status + "</h1><p>" + text + "</p></body></html>";
    }
}
