package org.openauthz.authz.server;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.Charset;
import java.util.List;

/**
 * The servlet contexts' error pages (errors raised inside a context but outside Jersey) in the same JSON as
 * {@link JsonErrorHandler}; the servlet flavour of Jetty's error handler is needed inside a servlet context.
 */
public final class JsonServletErrorHandler extends ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        return JsonErrorHandler.respond(response, callback, code);
    }
}
