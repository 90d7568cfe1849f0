package org.openauthz.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.ApiException;
import org.openauthz.cli.CliException;

class ErrorMessagesTest {

    private static final Endpoint ADMIN = new Endpoint("http://127.0.0.1:4445", "admin API");

    @Test
    void whenErrorDescriptionPresentThenItIsTheText() {
        assertEquals("409 Conflict: Unable to insert or update resource because a resource with that value exists already",
                ErrorMessages.httpError(409, "{\"error\":\"conflict\",\"error_description\":\"Unable to insert or update "
                        + "resource because a resource with that value exists already\",\"status_code\":409}"));
    }

    @Test
    void whenOnlyErrorPresentThenErrorIsTheText() {
        assertEquals("404 Not Found: Error 404 - The requested route does not exist.",
                ErrorMessages.httpError(404, "{\"error\":\"Error 404 - The requested route does not exist.\"}"));
    }

    @Test
    void whenBodyIsNotJsonThenFirstTextCutToOneLine() {
        assertEquals("502 Bad Gateway: <html> <body>bad gateway</body> </html>",
                ErrorMessages.httpError(502, "<html>\n<body>bad gateway</body>\n</html>\n"));
        assertEquals(300 + "503 Service Unavailable: ".length() + 3,
                ErrorMessages.httpError(503, "x".repeat(1000)).length());
    }

    @Test
    void whenBodyEmptyThenStatusOnly() {
        assertEquals("500 Internal Server Error", ErrorMessages.httpError(500, ""));
        assertEquals("599", ErrorMessages.httpError(599, null));
    }

    @Test
    void whenApiExceptionCarriesStatusThenActionPrefixed() {
        ApiException error = new ApiException("x", 400, null, "{\"error\":\"invalid_request\",\"error_description\":"
                + "\"The request is missing a required parameter.\"}");
        CliException line = ErrorMessages.failure("Could not create OAuth 2.0 Client", ADMIN, error);
        assertEquals("Could not create OAuth 2.0 Client: 400 Bad Request: The request is missing a required parameter.",
                line.getMessage());
    }

    @Test
    void whenNetworkFailsThenReachabilityLine() {
        ApiException refused = new ApiException(new org.apache.hc.client5.http.HttpHostConnectException(
                "Connect to http://127.0.0.1:4445 [/127.0.0.1] failed: Connection refused"));
        assertEquals("Could not reach the admin API at http://127.0.0.1:4445: connection refused",
                ErrorMessages.failure("Could not list OAuth 2.0 Clients", ADMIN, refused).getMessage());
        assertEquals("unknown host nowhere.invalid",
                ErrorMessages.networkProblem(new UnknownHostException("nowhere.invalid")));
        assertTrue(ErrorMessages.networkProblem(new SSLHandshakeException("PKIX path building failed"))
                .contains("--skip-tls-verify"));
    }

    @Test
    void whenEndpointHasTrailingSlashesThenStripped() {
        assertEquals("http://h:4445/prefix", Endpoint.resolve("http://h:4445/prefix//", null, "HYDRA_ADMIN_URL", "admin API").baseUrl());
        assertEquals("https://h", Endpoint.resolve(null, "https://h/", "HYDRA_ADMIN_URL", "admin API").baseUrl());
    }

    @Test
    void whenEndpointIsAUnixSocketThenRequestsGoToLocalhostOverIt() {
        for (String endpoint : new String[] {"unix:///var/run/hydra.sock", "unix:/var/run/hydra.sock"}) {
            Endpoint resolved = Endpoint.resolve(endpoint, null, "HYDRA_ADMIN_URL", "admin API");
            assertEquals(java.nio.file.Path.of("/var/run/hydra.sock"), resolved.unixSocket());
            assertEquals("http://localhost/clients", resolved.url("/clients"));
            assertEquals("unix:///var/run/hydra.sock", resolved.location());
        }
    }

    @Test
    void whenEndpointIsNotHttpThenRejected() {
        assertThrows(CliException.class, () -> Endpoint.resolve("unix://relative.sock", null, "HYDRA_ADMIN_URL", "admin API"));
        assertThrows(CliException.class, () -> Endpoint.resolve("unix:", null, "HYDRA_ADMIN_URL", "admin API"));
        assertThrows(CliException.class, () -> Endpoint.resolve("127.0.0.1:4445", null, "HYDRA_ADMIN_URL", "admin API"));
        assertThrows(CliException.class, () -> Endpoint.resolve("ftp://h", null, "HYDRA_ADMIN_URL", "admin API"));
    }
}
