package org.openauthz.cli.token.user;

import java.io.IOException;

/** Fetches a JSON document (the JWKS, the discovery document) by URL. */
@FunctionalInterface
public interface DocumentSource {

    /**
     * @return the body of a 2xx answer
     * @throws IOException whose message is a readable one-line reason (unreachable, non-2xx status)
     */
    String fetch(String url) throws IOException;
}
