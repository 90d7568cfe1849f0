package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.testing.TestServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint that answers without reading the request body (a POST that takes no entity, a refused media type)
 * must leave a keep-alive connection usable, also when the body arrives after the headers: the next request on the
 * same socket is answered (RFC 9112 §9.6). This was the rare "header parser received no bytes" of a keep-alive
 * client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadBodyIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /keys/unknown/rotate, application/json",
            "PUT, /oauth2/auth/requests/logout/accept, application/json",
            "POST, /oauth2/introspect, application/json",
    })
    void whenTheBodyArrivesAfterTheAnswerThenTheConnectionStillServesTheNextRequest(String method, String path,
                                                                                     String type) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.adminPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: 2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(100);
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = readResponse(in);
            assertThat(first).doesNotContainIgnoringCase("Connection: close");

            out.write("GET /health/alive HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the next request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    /** One response: its head and, by Content-Length, its body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }
}
