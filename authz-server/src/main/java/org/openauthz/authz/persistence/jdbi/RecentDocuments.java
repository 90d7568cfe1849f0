package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JsonDocument} that remembers the values it recently wrote or read, keyed by their exact JSON text, so that
 * reading back a document this process wrote costs a string comparison instead of a parse. A sign-in writes its flow
 * and reads the same text back at the next step (five reads a flow), usually on the same replica. The row is still
 * read from the database every time: only the parse is skipped, and only for identical text, so a document changed
 * by another replica is parsed as before. Only for immutable values.
 */
final class RecentDocuments<T> {
    /** Sign-ins in progress on one server are a few hundred; past this many the map is simply emptied. */
    private static final int MAX_ENTRIES = 2048;

    private final JsonDocument<T> documents;
    private final ConcurrentHashMap<String, T> recent = new ConcurrentHashMap<>();

    RecentDocuments(ObjectMapper json, Class<T> type) {
        this.documents = new JsonDocument<>(json, type);
    }

    String write(T value) {
        String text = documents.write(value);
        remember(text, value);
        return text;
    }

    T read(String text) {
        T known = recent.get(text);
        if (known != null) {
            return known;
        }
        T value = documents.read(text);
        remember(text, value);
        return value;
    }

    private void remember(String text, T value) {
        if (recent.size() >= MAX_ENTRIES) {
            recent.clear();
        }
        recent.put(text, value);
    }
}
