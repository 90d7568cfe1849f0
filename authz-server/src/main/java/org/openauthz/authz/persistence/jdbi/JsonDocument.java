package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A value stored as one jsonb document (clients, flows): written and read back with the application's mapper. */
final class JsonDocument<T> {
    private final ObjectMapper json;
    private final Class<T> type;

    JsonDocument(ObjectMapper json, Class<T> type) {
        this.json = json;
        this.type = type;
    }

    String write(T value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " is not serializable", e);
        }
    }

    T read(String data) {
        try {
            return json.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }
}
