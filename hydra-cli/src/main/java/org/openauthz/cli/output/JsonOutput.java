package org.openauthz.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pretty JSON the way Hydra's Go CLI prints API objects: keys in alphabetical order (Go marshals
 * its generated SDK structs and maps that way), empty optional fields left out (the SDK's
 * {@code omitempty}), two-space indentation and {@code "key": value} spacing.
 */
public final class JsonOutput {

    private final ObjectMapper mapper;

    public JsonOutput() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Properties the generated models mark "required" use Include.ALWAYS and so stay.
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    }

    /** Serialises a generated model (or any bean / map / JsonNode) as pretty JSON. */
    public String pretty(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : mapper.valueToTree(value);
        StringBuilder text = new StringBuilder();
        write(sorted(tree), text, 0);
        return text.toString();
    }

    /** Parses JSON text and pretty-prints it with the same rules (keeps every field). */
    public String prettyJson(String json) {
        try {
            return pretty(mapper.readTree(json));
        } catch (java.io.IOException e) {
            return json;
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            ObjectNode copy = object.objectNode();
            for (String name : names) {
                copy.set(name, sorted(object.get(name)));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static void write(JsonNode node, StringBuilder text, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                text.append("{}");
                return;
            }
            text.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(text, depth + 1);
                text.append(new TextNode(field.getKey())).append(": ");
                write(field.getValue(), text, depth + 1);
                text.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(text, depth);
            text.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                text.append("[]");
                return;
            }
            text.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(text, depth + 1);
                write(node.get(i), text, depth + 1);
                text.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(text, depth);
            text.append(']');
        } else {
            text.append(node);
        }
    }

    private static void indent(StringBuilder text, int depth) {
        text.append("  ".repeat(depth));
    }
}
