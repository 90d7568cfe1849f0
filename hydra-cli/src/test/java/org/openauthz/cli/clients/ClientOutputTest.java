package org.openauthz.cli.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.OAuth2Client;

class ClientOutputTest {

    @Test
    void whenClientsListedThenTablewriterStyleTable() {
        OAuth2Client first = new OAuth2Client().clientId("some-consumer").clientName("")
                .responseTypes(List.of("token", "code")).scope("offline_access offline openid")
                .redirectUris(List.of()).grantTypes(List.of("client_credentials"))
                .tokenEndpointAuthMethod("client_secret_basic");
        OAuth2Client second = new OAuth2Client().clientId("another-consumer").clientName("My App")
                .responseTypes(List.of("token", "code", "id_token")).scope("openid offline")
                .redirectUris(List.of("http://127.0.0.1:9010/callback"))
                .grantTypes(List.of("authorization_code", "refresh_token"))
                .tokenEndpointAuthMethod("client_secret_basic");
        String expected = String.join("\n",
                "+------------------+--------+---------------------+-------------------------------+--------------------------------+----------------------------------+----------------------------+",
                "|    CLIENT ID     |  NAME  |   RESPONSE TYPES    |             SCOPE             |         REDIRECT URIS          |           GRANT TYPES            | TOKEN ENDPOINT AUTH METHOD |",
                "+------------------+--------+---------------------+-------------------------------+--------------------------------+----------------------------------+----------------------------+",
                "| some-consumer    |        | token,code          | offline_access offline openid |                                | client_credentials               | client_secret_basic        |",
                "| another-consumer | My App | token,code,id_token | openid offline                | http://127.0.0.1:9010/callback | authorization_code,refresh_token | client_secret_basic        |",
                "+------------------+--------+---------------------+-------------------------------+--------------------------------+----------------------------------+----------------------------+",
                "");
        assertEquals(expected, ClientOutput.table(List.of(first, second)));
    }

    @Test
    void whenNoClientsThenHeaderOnly() {
        String expected = String.join("\n",
                "+-----------+------+----------------+-------+---------------+-------------+----------------------------+",
                "| CLIENT ID | NAME | RESPONSE TYPES | SCOPE | REDIRECT URIS | GRANT TYPES | TOKEN ENDPOINT AUTH METHOD |",
                "+-----------+------+----------------+-------+---------------+-------------+----------------------------+",
                "+-----------+------+----------------+-------+---------------+-------------+----------------------------+",
                "");
        assertEquals(expected, ClientOutput.table(List.of()));
    }

    @Test
    void whenScopeIsLongThenCellWrapsOnSpacesAtThirtyCharacters() {
        OAuth2Client client = new OAuth2Client().clientId("c").scope("openid offline offline_access email profile");
        String table = ClientOutput.table(List.of(client));
        String[] lines = table.split("\n");
        assertEquals(6, lines.length, table);
        assertEquals(true, lines[3].contains("| openid offline offline_access |"), table);
        assertEquals(true, lines[4].contains("| email profile                 |"), table);
    }

    @Test
    void whenCreatedThenExactLines() {
        assertEquals("OAuth 2.0 Client ID: abc", ClientOutput.idLine("abc"));
        assertEquals("OAuth 2.0 Client Secret: s3cr3t", ClientOutput.secretLine("s3cr3t"));
        assertEquals("abc OAuth 2.0 Client updated", ClientOutput.updatedLine("abc"));
        assertEquals("Imported OAuth 2.0 Client abc:gen from: c.json", ClientOutput.importedLine("abc", "gen", "c.json"));
        assertEquals("Imported OAuth 2.0 Client abc from: c.json", ClientOutput.importedLine("abc", null, "c.json"));
    }
}
