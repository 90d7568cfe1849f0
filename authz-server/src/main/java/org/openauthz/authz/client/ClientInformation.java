package org.openauthz.authz.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client information response (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591
 * §3.2.1</a>, <a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>): the registered metadata,
 * {@code client_id_issued_at}, {@code client_secret_expires_at} (0: never) and the registration access token and
 * client configuration URI. Empty values are left out (an empty string is no valid URI), and so are the fields only
 * the administrator sees ({@code owner}, {@code metadata}).
 */
public final class ClientInformation {
    private ClientInformation() {
    }

    public static ObjectNode of(ObjectMapper json, ClientRegistration.Registered registered, String configurationUri) {
        OAuth2Client client = registered.client();
        ObjectNode body = json.valueToTree(client);
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if ((value.isTextual() && value.asText().isEmpty()) || (value.isContainerNode() && value.isEmpty())) {
                empty.add(field.getKey());
            }
        }
        body.remove(empty);
        body.remove(List.of("owner", "metadata"));
        body.put("client_id_issued_at", client.createdAt().getEpochSecond());
        body.put("client_secret_expires_at", 0L);
        body.put("registration_access_token", registered.registrationAccessToken());
        body.put("registration_client_uri", configurationUri);
        return body;
    }
}
