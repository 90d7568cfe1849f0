package org.openauthz.cli.clients;

import java.util.List;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.output.TextTable;

/** The exact lines and tables the client commands print (kept together so tests can pin them). */
final class ClientOutput {

    static final String SECRET_FLAG_WARNING = "You should not provide secrets using command line flags, "
            + "the secret might leak to bash history and similar systems";
    static final String NO_SECRET = "This OAuth 2.0 Client has no secret";

    private static final List<String> TABLE_HEADERS = List.of("Client ID", "Name", "Response Types", "Scope",
            "Redirect Uris", "Grant Types", "Token Endpoint Auth Method");

    private ClientOutput() {
    }

    static String idLine(String clientId) {
        return "OAuth 2.0 Client ID: " + clientId;
    }

    static String secretLine(String secret) {
        return "OAuth 2.0 Client Secret: " + secret;
    }

    static String updatedLine(String clientId) {
        return clientId + " OAuth 2.0 Client updated";
    }

    static String importedLine(String clientId, String generatedSecret, String path) {
        String client = generatedSecret == null || generatedSecret.isEmpty() ? clientId : clientId + ":" + generatedSecret;
        return "Imported OAuth 2.0 Client " + client + " from: " + path;
    }

    /** The {@code clients list} table: one row per client, list fields joined with commas. */
    static String table(List<OAuth2Client> clients) {
        TextTable table = new TextTable(TABLE_HEADERS);
        for (OAuth2Client client : clients) {
            table.addRow(List.of(
                    text(client.getClientId()),
                    text(client.getClientName()),
                    joined(client.getResponseTypes()),
                    text(client.getScope()),
                    joined(client.getRedirectUris()),
                    joined(client.getGrantTypes()),
                    text(client.getTokenEndpointAuthMethod())));
        }
        return table.render();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String joined(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }
}
