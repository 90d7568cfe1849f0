package org.openauthz.authz.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

/**
 * Applies an RFC 6902 JSON Patch (add, remove, replace, move, copy, test) to a copy of a JSON document. Any
 * failing operation rejects the whole patch with {@code invalid_request} (RFC 6902 §5: the patch is atomic).
 */
public final class JsonPatch {
    private JsonPatch() {
    }

    public static JsonNode apply(JsonNode document, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw bad("The body must be a JSON Patch document: an array of operations (RFC 6902).");
        }
        JsonNode target = document.deepCopy();
        for (JsonNode op : patch) {
            if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
                throw bad("Every JSON Patch operation needs string members 'op' and 'path'.");
            }
            String path = op.get("path").asText();
            target = switch (op.get("op").asText()) {
                case "add" -> add(target, path, value(op));
                case "remove" -> remove(target, path);
                case "replace" -> add(remove(target, path), path, value(op));
                case "move" -> {
                    String from = from(op);
                    JsonNode moved = get(target, from);
                    yield add(remove(target, from), path, moved);
                }
                case "copy" -> add(target, path, get(target, from(op)).deepCopy());
                case "test" -> {
                    if (!get(target, path).equals(value(op))) {
                        throw bad("JSON Patch test failed at '" + path + "'.");
                    }
                    yield target;
                }
                default -> throw bad("Unknown JSON Patch operation '" + op.get("op").asText() + "'.");
            };
        }
        return target;
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw bad("JSON Patch operation '" + op.get("op").asText() + "' needs a 'value'.");
        }
        return op.get("value");
    }

    private static String from(JsonNode op) {
        if (!op.path("from").isTextual()) {
            throw bad("JSON Patch operation '" + op.get("op").asText() + "' needs a 'from' path.");
        }
        return op.get("from").asText();
    }

    private static JsonNode get(JsonNode root, String path) {
        JsonNode node = root.at(pointer(path));
        if (node.isMissingNode()) {
            throw bad("JSON Patch path '" + path + "' does not exist.");
        }
        return node;
    }

    private static JsonNode add(JsonNode root, String path, JsonNode value) {
        pointer(path);
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parentOf(root, path);
        String last = lastToken(path);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value);
            } else {
                int index = index(last, array.size() + 1);
                array.insert(index, value);
            }
        } else {
            throw bad("JSON Patch path '" + path + "' does not point into an object or array.");
        }
        return root;
    }

    private static JsonNode remove(JsonNode root, String path) {
        pointer(path);
        if (path.isEmpty()) {
            throw bad("JSON Patch cannot remove the whole document.");
        }
        get(root, path);
        JsonNode parent = parentOf(root, path);
        String last = lastToken(path);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size()));
        }
        return root;
    }

    private static JsonNode parentOf(JsonNode root, String path) {
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        JsonNode parent = parentPath.isEmpty() ? root : root.at(pointer(parentPath));
        if (parent.isMissingNode() || !(parent.isObject() || parent.isArray())) {
            throw bad("JSON Patch path '" + path + "' has no parent object or array.");
        }
        return parent;
    }

    private static String lastToken(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    private static String pointer(String path) {
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw bad("JSON Patch path '" + path + "' must start with '/'.");
        }
        return path;
    }

    private static int index(String token, int limit) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index >= limit) {
                throw bad("JSON Patch array index " + token + " is out of bounds.");
            }
            return index;
        } catch (NumberFormatException e) {
            throw bad("JSON Patch array index '" + token + "' is not a number.");
        }
    }

    private static OAuth2Exception bad(String hint) {
        return OAuth2Error.INVALID_REQUEST.withHint(hint).toException();
    }
}
