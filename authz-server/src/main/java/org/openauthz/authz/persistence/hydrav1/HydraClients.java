package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code hydra_client} row into our client: the row's columns are Hydra v1.10's JSON field names (the
 * client model of its admin API), so the row becomes that JSON document and is read like a client posted to
 * {@code /clients}. The secret column holds Hydra's bcrypt hash, kept as is: it verifies as bcrypt and is replaced by
 * our hash on the first successful authentication (decision 0016).
 */
final class HydraClients {
    private static final List<String> LIST_COLUMNS = List.of("redirect_uris", "grant_types", "response_types",
            "contacts", "request_uris", "allowed_cors_origins", "audience", "post_logout_redirect_uris");
    /** Always present in Hydra's JSON, possibly empty. */
    private static final List<String> STRING_COLUMNS = List.of("client_name", "owner", "policy_uri", "tos_uri",
            "client_uri", "logo_uri", "scope");
    /** Omitted from Hydra's JSON when empty ({@code omitempty}). */
    private static final List<String> OPTIONAL_STRING_COLUMNS = List.of("sector_identifier_uri", "jwks_uri",
            "token_endpoint_auth_signing_alg", "request_object_signing_alg", "userinfo_signed_response_alg",
            "frontchannel_logout_uri", "backchannel_logout_uri");
    private static final List<String> BOOLEAN_COLUMNS = List.of("frontchannel_logout_session_required",
            "backchannel_logout_session_required");

    private final ObjectMapper json;

    HydraClients(ObjectMapper json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException naming the column that cannot be read */
    StoredClient toStored(HydraV1Source.ClientRow row) {
        Map<String, Object> columns = row.columns();
        ObjectNode document = json.createObjectNode();
        document.put("client_id", row.id());
        for (String column : STRING_COLUMNS) {
            document.put(column, text(columns, column));
        }
        for (String column : OPTIONAL_STRING_COLUMNS) {
            String value = text(columns, column);
            if (!value.isEmpty()) {
                document.put(column, value);
            }
        }
        for (String column : LIST_COLUMNS) {
            HydraV1Source.split(text(columns, column)).forEach(document.putArray(column)::add);
        }
        for (String column : BOOLEAN_COLUMNS) {
            document.put(column, Boolean.TRUE.equals(columns.get(column)));
        }
        String method = text(columns, "token_endpoint_auth_method");
        document.put("token_endpoint_auth_method", method.isEmpty() ? "client_secret_basic" : method);
        String subjectType = text(columns, "subject_type");
        document.put("subject_type", subjectType.isEmpty() ? "public" : subjectType);
        document.put("client_secret_expires_at", 0);
        JsonNode jwks = jsonColumn(columns, "jwks");
        if (jwks != null && jwks.path("keys").isArray()) {
            document.set("jwks", jwks);
        }
        JsonNode metadata = jsonColumn(columns, "metadata");
        document.set("metadata", metadata == null ? json.createObjectNode() : metadata);
        Instant created = (Instant) columns.get("created_at");
        Instant updated = (Instant) columns.get("updated_at");
        document.put("created_at", (created == null ? Instant.EPOCH : created).toString());
        document.put("updated_at", (updated == null ? created == null ? Instant.EPOCH : created : updated).toString());
        OAuth2Client client;
        try {
            client = json.treeToValue(document, OAuth2Client.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("its columns do not form a valid client");
        }
        String hash = text(columns, "client_secret");
        return new StoredClient(client, client.isPublic() || hash.isEmpty() ? null : hash);
    }

    private JsonNode jsonColumn(Map<String, Object> columns, String column) {
        String value = text(columns, column).trim();
        if (value.isEmpty() || value.equals("null")) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("column " + column + " is not JSON");
        }
    }

    private static String text(Map<String, Object> columns, String column) {
        Object value = columns.get(column);
        return value == null ? "" : value.toString();
    }
}
